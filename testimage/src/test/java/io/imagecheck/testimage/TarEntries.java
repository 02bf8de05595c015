package io.imagecheck.testimage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A small tar reader for tests, written independently of {@link TarWriter}: it checks every
 * header's checksum, applies PAX extended headers, and reports whether the end-of-archive blocks
 * are present.
 */
final class TarEntries {

  /** One entry as read, with PAX values applied. */
  record Entry(String name, char typeflag, int mode, long uid, long gid, String uname, String gname, long size,
      String mtime, String linkName, long devMajor, long devMinor, Map<String, byte[]> xattrs, byte[] content,
      byte[] header, Map<String, String> pax) {

    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  final List<Entry> entries;
  final boolean endOfArchive;

  private TarEntries(List<Entry> entries, boolean endOfArchive) {
    this.entries = entries;
    this.endOfArchive = endOfArchive;
  }

  static TarEntries read(byte[] tar) {
    List<Entry> entries = new ArrayList<>();
    Map<String, byte[]> pax = new LinkedHashMap<>();
    int pos = 0;
    while (true) {
      if (pos == tar.length) {
        return new TarEntries(entries, false);
      }
      if (pos + 512 > tar.length) {
        throw new IllegalStateException("truncated header at " + pos);
      }
      byte[] h = Arrays.copyOfRange(tar, pos, pos + 512);
      if (isZero(h)) {
        boolean second = pos + 1024 <= tar.length && isZero(Arrays.copyOfRange(tar, pos + 512, pos + 1024));
        if (!second) {
          throw new IllegalStateException("single zero block at " + pos);
        }
        return new TarEntries(entries, true);
      }
      long stored = octal(h, 148, 8);
      long sum = 0;
      for (int i = 0; i < 512; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
      }
      if (stored != sum) {
        throw new IllegalStateException("bad checksum at " + pos + ": stored " + stored + ", computed " + sum);
      }
      char type = (char) (h[156] & 0xff);
      long size = octal(h, 124, 12);
      byte[] content = Arrays.copyOfRange(tar, pos + 512, pos + 512 + (int) size);
      pos += 512 + (int) ((size + 511) / 512 * 512);
      if (type == 'x') {
        pax.putAll(parsePax(content));
        continue;
      }
      Map<String, String> paxText = new TreeMap<>();
      Map<String, byte[]> xattrs = new TreeMap<>();
      pax.forEach((k, v) -> {
        if (k.startsWith("SCHILY.xattr.")) {
          xattrs.put(k.substring("SCHILY.xattr.".length()), v);
        }
        paxText.put(k, new String(v, StandardCharsets.UTF_8));
      });
      String name = paxText.getOrDefault("path", string(h, 0, 100));
      String link = paxText.getOrDefault("linkpath", string(h, 157, 100));
      long uid = paxText.containsKey("uid") ? Long.parseLong(paxText.get("uid")) : octal(h, 108, 8);
      long gid = paxText.containsKey("gid") ? Long.parseLong(paxText.get("gid")) : octal(h, 116, 8);
      String uname = paxText.getOrDefault("uname", string(h, 265, 32));
      String gname = paxText.getOrDefault("gname", string(h, 297, 32));
      String mtime = paxText.getOrDefault("mtime", Long.toString(octal(h, 136, 12)));
      entries.add(new Entry(name, type, (int) octal(h, 100, 8), uid, gid, uname, gname, size, mtime, link,
          octal(h, 329, 8), octal(h, 337, 8), xattrs, content, h, paxText));
      pax.clear();
    }
  }

  static TarEntries read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  Entry get(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + name + " in " + names()));
  }

  List<String> names() {
    return entries.stream().map(Entry::name).toList();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** Decodes a Zstandard frame that holds only raw and RLE blocks, per RFC 8878 section 3.1. */
  static byte[] unzstdRaw(byte[] frame) {
    if ((frame[0] & 0xff) != 0x28 || (frame[1] & 0xff) != 0xb5 || (frame[2] & 0xff) != 0x2f
        || (frame[3] & 0xff) != 0xfd) {
      throw new IllegalStateException("no zstd magic");
    }
    int fhd = frame[4] & 0xff;
    int fcsFlag = fhd >> 6;
    boolean single = (fhd & 0x20) != 0;
    boolean checksum = (fhd & 0x04) != 0;
    int dictFlag = fhd & 3;
    int pos = 5 + (single ? 0 : 1) + new int[] {0, 1, 2, 4}[dictFlag];
    int fcsBytes = new int[] {single ? 1 : 0, 2, 4, 8}[fcsFlag];
    long contentSize = 0;
    for (int i = 0; i < fcsBytes; i++) {
      contentSize |= (long) (frame[pos + i] & 0xff) << (8 * i);
    }
    if (fcsBytes == 2) {
      contentSize += 256;
    }
    pos += fcsBytes;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean last = false;
    while (!last) {
      int header = (frame[pos] & 0xff) | (frame[pos + 1] & 0xff) << 8 | (frame[pos + 2] & 0xff) << 16;
      pos += 3;
      last = (header & 1) != 0;
      int type = (header >> 1) & 3;
      int size = header >>> 3;
      if (type == 0) {
        out.write(frame, pos, size);
        pos += size;
      } else if (type == 1) {
        for (int i = 0; i < size; i++) {
          out.write(frame[pos]);
        }
        pos += 1;
      } else {
        throw new IllegalStateException("compressed block: not supported by this test decoder");
      }
    }
    if (checksum) {
      pos += 4;
    }
    if (pos != frame.length) {
      throw new IllegalStateException("trailing bytes after the frame: " + (frame.length - pos));
    }
    if (fcsBytes > 0 && contentSize != out.size()) {
      throw new IllegalStateException("content size " + contentSize + " but decoded " + out.size());
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> parsePax(byte[] payload) {
    Map<String, byte[]> records = new LinkedHashMap<>();
    int pos = 0;
    while (pos < payload.length) {
      int space = pos;
      while (payload[space] != ' ') {
        space++;
      }
      int length = Integer.parseInt(new String(payload, pos, space - pos, StandardCharsets.US_ASCII));
      int eq = space + 1;
      while (payload[eq] != '=') {
        eq++;
      }
      if (payload[pos + length - 1] != '\n') {
        throw new IllegalStateException("PAX record at " + pos + " does not end in a newline: length wrong");
      }
      String key = new String(payload, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      records.put(key, Arrays.copyOfRange(payload, eq + 1, pos + length - 1));
      pos += length;
    }
    return records;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  static long octal(byte[] h, int offset, int width) {
    if ((h[offset] & 0x80) != 0) {
      long v = (h[offset] & 0x40) != 0 ? -1 : 0; // sign from the bit below the marker
      v = (v << 6) | (h[offset] & 0x3f);
      for (int i = 1; i < width; i++) {
        v = (v << 8) | (h[offset + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = offset; i < offset + width; i++) {
      byte c = h[i];
      if (c == 0 || c == ' ') {
        if (v != 0 || i > offset) {
          break;
        }
        continue;
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }

  static String string(byte[] h, int offset, int width) {
    int end = offset;
    while (end < offset + width && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }
}
