package io.github.ecrtoolkit.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BufferedSha256Test {

    @Test
    void isTheDigestOfWhatADataOutputStreamWrites_acrossFlushesAndPiecesLargerThanTheBuffer()
            throws IOException, NoSuchAlgorithmException {
        BufferedSha256 buffered = new BufferedSha256();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(plain);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            int value = random.nextInt();
            long big = random.nextLong();
            byte[] piece = new byte[i == 2_500 ? 40_000 : random.nextInt(40)]; // one larger than the whole buffer
            random.nextBytes(piece);
            buffered.write(value);
            buffered.writeInt(value);
            buffered.writeLong(big);
            buffered.write(piece);
            out.writeByte(value);
            out.writeInt(value);
            out.writeLong(big);
            out.write(piece);
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain.toByteArray()));

        assertThat(plain.size()).isGreaterThan(100_000);
        assertThat(buffered.hex()).isEqualTo(expected);
    }
}
