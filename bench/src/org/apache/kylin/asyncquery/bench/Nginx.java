package org.apache.kylin.asyncquery.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** nginx (the Debian package) serving one folder on loopback, as the yardstick for downloads. */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx serve(Path folder, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tmp"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String runAs = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        String tmp = dir.resolve("tmp").toAbsolutePath().toString();
        String conf = runAs
                + "worker_processes 1;\n"
                + "pid " + dir.toAbsolutePath().resolve("nginx.pid") + ";\n"
                + "error_log " + dir.toAbsolutePath().resolve("error.log") + ";\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  sendfile on;\n"
                + "  tcp_nopush on;\n"
                + "  default_type application/octet-stream;\n"
                + "  client_body_temp_path " + tmp + "; proxy_temp_path " + tmp + "; fastcgi_temp_path " + tmp
                + "; uwsgi_temp_path " + tmp + "; scgi_temp_path " + tmp + ";\n"
                + "  server { listen 127.0.0.1:" + port + "; root " + folder.toAbsolutePath() + "; }\n"
                + "}\n";
        Path confFile = dir.resolve("nginx.conf");
        Files.write(confFile, conf.getBytes(StandardCharsets.UTF_8));
        Process process = new ProcessBuilder("nginx", "-p", dir.toAbsolutePath().toString(), "-c",
                confFile.toAbsolutePath().toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        waitForPort(port);
        return new Nginx(process, port);
    }

    String url(String fileName) {
        return "http://127.0.0.1:" + port + "/" + fileName;
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not start on port " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
