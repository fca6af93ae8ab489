package org.apache.kylin.asyncquery.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback in front of a real server that records every byte clients send through it (the
 * requests, headers and bodies), so a test can see what a client put on the wire. It can also FAKE a failed
 * connection: the first {@code connectionsToDrop} connections are read until their request is in, then closed
 * without an answer, as a load balancer or a dying server would.
 */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger connectionsToDrop;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RecordingProxy(int targetPort, int connectionsToDrop) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.connectionsToDrop = new AtomicInteger(connectionsToDrop);
        Thread acceptor = new Thread(this::acceptLoop, "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything clients have sent so far, as text. */
    String sent() {
        synchronized (sent) {
            return new String(sent.toByteArray(), StandardCharsets.ISO_8859_1);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (connectionsToDrop.getAndDecrement() > 0) {
                    start(() -> readOneRequestThenClose(client));
                } else {
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(server);
                    start(() -> pipe(client, server, true));
                    start(() -> pipe(server, client, false));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void readOneRequestThenClose(Socket client) {
        try (Socket socket = client) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            int contentLength = -1;
            int headerEnd = -1;
            byte[] buffer = new byte[8192];
            while (headerEnd < 0 || request.size() < headerEnd + Math.max(contentLength, 0)) {
                int read = in.read(buffer);
                if (read == -1) {
                    break;
                }
                request.write(buffer, 0, read);
                record(buffer, read);
                String text = new String(request.toByteArray(), StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && text.contains("\r\n\r\n")) {
                    headerEnd = text.indexOf("\r\n\r\n") + 4;
                    for (String line : text.substring(0, headerEnd).split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            contentLength = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // The client gave up first: nothing to record.
        }
    }

    private void pipe(Socket from, Socket to, boolean recordIt) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (recordIt) {
                    record(buffer, read);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // One side closed: close the other below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void record(byte[] buffer, int length) {
        synchronized (sent) {
            sent.write(buffer, 0, length);
        }
    }

    private static void start(Runnable work) {
        Thread thread = new Thread(work, "recording-proxy-connection");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
