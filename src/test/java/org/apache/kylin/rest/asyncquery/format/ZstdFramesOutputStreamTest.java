package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.airlift.compress.zstd.ZstdInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdFramesOutputStreamTest {
    private static final int FRAME = ZstdFramesOutputStream.FRAME_INPUT_BYTES;

    @Test
    void everyLengthAroundTheFrameSizeDecodesToWhatWasWritten() throws IOException {
        for (int length : new int[] {0, 1, FRAME - 1, FRAME, FRAME + 1, 3 * FRAME, 3 * FRAME + 17}) {
            byte[] text = csv(length);
            assertThat(decode(encode(text, 7919))).as("length " + length).isEqualTo(text);
            assertThat(decode(encode(text, 1))).as("byte by byte, length " + length).isEqualTo(text);
        }
    }

    @Test
    void anEmptyStreamIsOneEmptyFrameNotZeroBytes() throws IOException {
        byte[] empty = encode(new byte[0], 1);
        assertThat(empty).isNotEmpty();
        assertThat(decode(empty)).isEmpty();
    }

    @Test
    void flushingOftenDoesNotCutTheStreamIntoSmallFrames() throws IOException {
        byte[] text = csv(2 * FRAME + 5);
        ByteArrayOutputStream flushed = new ByteArrayOutputStream();
        try (ZstdFramesOutputStream zstd = new ZstdFramesOutputStream(flushed)) {
            for (int i = 0; i < text.length; i += 100) {
                zstd.write(text, i, Math.min(100, text.length - i));
                zstd.flush();
            }
        }
        assertThat(flushed.toByteArray()).isEqualTo(encode(text, 4096));
    }

    /** The reason this class exists: aircompressor's ZstdOutputStream wrote CSV at about twice zstd -1's size. */
    @Test
    void compressesCsvAboutAsWellAsZstdLevelOne(@TempDir Path dir) throws Exception {
        byte[] text = csv(8 * FRAME);
        Path file = dir.resolve("r.csv");
        Files.write(file, text);
        byte[] levelOne = run("zstd", "-1", "-q", "-c", file.toString());
        assertThat(encode(text, 8192).length).isLessThan(levelOne.length * 11 / 10);
    }

    @Test
    void theZstdCommandReadsTheFrames(@TempDir Path dir) throws Exception {
        byte[] text = csv(5 * FRAME + 3);
        Path file = dir.resolve("r.csv.zst");
        Files.write(file, encode(text, 65536));
        byte[] decoded = run("zstd", "-d", "-q", "-c", file.toString());
        assertThat(decoded).isEqualTo(text);
    }

    @Test
    void aClosedStreamRefusesWritesAndClosesOnce() throws IOException {
        ZstdFramesOutputStream zstd = new ZstdFramesOutputStream(new ByteArrayOutputStream());
        zstd.close();
        zstd.close();
        assertThatThrownBy(() -> zstd.write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> zstd.write(new byte[1], 0, 2)).isInstanceOf(IOException.class);
    }

    /** The standard output of a command that must succeed; the test is skipped where it is not installed. */
    private static byte[] run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, command[0] + " is not installed");
            return null;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return output;
    }

    private static byte[] encode(byte[] text, int writeSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdFramesOutputStream zstd = new ZstdFramesOutputStream(out)) {
            for (int i = 0; i < text.length; i += writeSize) {
                int n = Math.min(writeSize, text.length - i);
                if (n == 1) {
                    zstd.write(text[i]);
                } else {
                    zstd.write(text, i, n);
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] decode(byte[] zstd) throws IOException {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
            return in.readAllBytes();
        }
    }

    /** Rows like the benchmark's, cut to exactly {@code length} bytes. */
    private static byte[] csv(int length) {
        Random random = new Random(length);
        StringBuilder text = new StringBuilder(length + 100);
        for (long i = 0; text.length() < length; i++) {
            text.append(i).append(',').append(i % 100000).append(",customer-").append(random.nextInt(100000))
                    .append(',').append(random.nextInt(1000003) / 100.0).append(",2020-01-0").append(i % 9 + 1)
                    .append('\n');
        }
        return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }
}
