package dev.spool.bootstrap.reliability;

import static dev.spool.bootstrap.http.TestServer.faculty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.bootstrap.http.ApiClient;
import dev.spool.bootstrap.http.Bodies;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's disk fills up under a running server, on a small tmpfs of the test's own
 * (mounting needs root, which CI has): creates get a clear 503 and never a 500, no batch is left
 * half-created, and once space is back the same process goes on creating and running batches, with
 * no restart.
 */
class DiskFullIT {
  private static final String BATCHES = "/api/v1/generation/batch";

  @TempDir Path temp;

  @Test
  void a_full_disk_refuses_creates_with_503_and_spool_goes_on_once_space_is_back()
      throws Exception {
    Path disk = Files.createDirectories(temp.resolve("disk"));
    mountSmallTmpfs(disk);
    try {
      run(disk);
    } finally {
      run("umount", "-l", disk.toString());
    }
  }

  private void run(Path disk) throws Exception {
    String owner = faculty(UUID.randomUUID());
    try (SpoolProcess server =
        SpoolProcess.start(
            "disk-full",
            SpoolProcess.environment(
                disk.resolve("data"),
                SpoolProcess.freePort(),
                "SPOOL_SIMULATOR_LATENCY_MS",
                "20",
                "SPOOL_SIMULATOR_JITTER_MS",
                "0"),
            Duration.ofSeconds(90))) {
      ApiClient api = new ApiClient(server.base());
      Path filler = disk.resolve("filler");
      fill(filler);

      for (int i = 0; i < 3; i++) {
        ApiClient.Reply refused = api.post(BATCHES, owner, Bodies.generation(5_000, 4, 2));
        assertThat(refused.status()).as(refused.body()).isIn(503, 507);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      }
      assertThat(api.get(BATCHES, owner).status()).as("reads still work").isEqualTo(200);

      Files.delete(filler);
      String id =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> api.post(BATCHES, owner, Bodies.generation(200, 8, 2)),
                  r -> r.status() == 201)
              .data()
              .get("batchId")
              .asText();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() ->
              api.get(BATCHES + "/" + id + "?limit=1", owner)
                  .data()
                  .get("status")
                  .asText()
                  .equals("completed"));
      assertThat(server.isAlive()).isTrue();
      assertNoBatchIsHalfCreated(server);
    }
  }

  private static void assertNoBatchIsHalfCreated(SpoolProcess server) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.embeddedDatabasePort() + "/postgres",
                "postgres",
                "");
        Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM batch_jobs b WHERE total_items <>"
                    + " (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("batches whose items are not all there").isZero();
    }
  }

  /** Takes every free byte of the file system but one page. */
  private static void fill(Path filler) throws IOException {
    long free = Files.getFileStore(filler.getParent()).getUsableSpace();
    try (FileChannel channel =
        FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(1 << 20);
      long left = free - 4096;
      while (left > 0) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), left));
        try {
          left -= channel.write(chunk);
        } catch (IOException full) {
          break;
        }
      }
    }
  }

  private static void mountSmallTmpfs(Path at) throws Exception {
    int status = run("mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", at.toString());
    if (status != 0) {
      // outside CI a developer may not be root; under CI (root) a failed mount is a failure
      Assumptions.assumeTrue(
          "true".equals(System.getenv("CI")), "mounting a tmpfs needs root; CI runs as root");
      throw new IllegalStateException("could not mount a tmpfs at " + at + " under CI");
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
