package io.imagecheck.inspectors.packages;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decoding of text databases captured from an image.
 *
 * <p>Thread-safe (stateless).
 */
public final class DatabaseTexts {

  private DatabaseTexts() {}

  /**
   * Decodes UTF-8 strictly.
   *
   * @param path the file path inside the image, for the message
   * @param content the bytes
   * @return the text, without a leading byte-order mark
   * @throws PackageDatabaseException when the bytes are not valid UTF-8; the message gives the byte
   *     offset of the first bad sequence
   */
  public static String decodeUtf8(String path, byte[] content) throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    try {
      CharBuffer out = decoder.decode(in);
      return stripBom(out.toString());
    } catch (MalformedInputException e) {
      throw new PackageDatabaseException(
          path, "not valid UTF-8 near byte offset " + firstMalformedOffset(content), e);
    } catch (CharacterCodingException e) {
      throw new PackageDatabaseException(path, "not valid UTF-8", e);
    }
  }

  /**
   * Decodes UTF-8 leniently, the way dpkg and apk treat their databases (as bytes): invalid
   * sequences become U+FFFD and one warning is recorded.
   *
   * @param content the bytes
   * @param warnings where to record that the text was not valid UTF-8
   * @return the text, without a leading byte-order mark
   */
  public static String decodeUtf8Leniently(byte[] content, PackageDatabaseWarnings warnings) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(warnings, "warnings");
    int bad = firstMalformedOffset(content);
    if (bad >= 0) {
      warnings.add(
          "not valid UTF-8 near byte offset " + bad + ": invalid sequences read as U+FFFD");
    }
    return stripBom(new String(content, StandardCharsets.UTF_8));
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The offset of the first malformed UTF-8 sequence, or -1 when the bytes are valid. */
  private static int firstMalformedOffset(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      var result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }
}
