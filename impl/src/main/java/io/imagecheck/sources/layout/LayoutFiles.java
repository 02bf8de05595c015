package io.imagecheck.sources.layout;

import io.imagecheck.image.Digest;
import io.imagecheck.internal.image.BlobStore;
import io.imagecheck.sources.archive.TarArchiveFile;
import java.io.IOException;
import java.io.InputStream;

/**
 * The files of an OCI image layout, wherever they are: a directory or the members of a tar. Blobs are
 * at {@code blobs/<algorithm>/<hex>}.
 *
 * <p>Thread-safe.
 */
interface LayoutFiles extends BlobStore {

  boolean exists(String name);

  InputStream openFile(String name) throws IOException;

  @Override
  default InputStream open(Digest digest, long size) throws IOException {
    return openFile(blobName(digest));
  }

  @Override
  default String describe(Digest digest) {
    return blobName(digest);
  }

  static String blobName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  static LayoutFiles of(DirectoryFiles dir) {
    return new LayoutFiles() {
      @Override
      public boolean exists(String name) {
        return dir.exists(name);
      }

      @Override
      public InputStream openFile(String name) throws IOException {
        return dir.open(name);
      }

      @Override
      public void close() {
        // nothing to release: files are opened per read
      }
    };
  }

  static LayoutFiles of(TarArchiveFile tar) {
    return new LayoutFiles() {
      @Override
      public boolean exists(String name) {
        return tar.exists(name);
      }

      @Override
      public InputStream openFile(String name) throws IOException {
        return tar.open(name);
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }
    };
  }
}
