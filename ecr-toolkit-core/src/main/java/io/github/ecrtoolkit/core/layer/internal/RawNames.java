package io.github.ecrtoolkit.core.layer.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as the bytes on disk, carried in a {@code String} without loss. A name that is not
 * valid UTF-8 keeps each byte that does not decode as a lone surrogate {@code U+DC80..U+DCFF}
 * (Python's "surrogateescape"), so two names that differ only in such bytes stay two names, and the
 * tar gets the original bytes back, as Docker writes them.
 */
public final class RawNames {

    private RawNames() {
    }

    /**
     * The path of {@code file} below {@code folder} as the bytes on disk say it, {@code /}-separated.
     * The JDK decodes names with the platform's charset, which turns undecodable bytes into
     * {@code U+FFFD} (or {@code ?}); a file's URI keeps the raw bytes, percent-encoded.
     */
    public static String relative(Path folder, Path file) {
        String folderUri = folder.toUri().getRawPath();
        String fileUri = file.toUri().getRawPath();
        String prefix = folderUri.endsWith("/") ? folderUri : folderUri + "/";
        String raw = fileUri.startsWith(prefix) ? fileUri.substring(prefix.length()) : fileUri;
        if (raw.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        return decode(percentDecode(raw));
    }

    /** UTF-8, with each byte that does not decode kept as {@code U+DC00 + byte}. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return decodeEscaping(bytes);
        }
    }

    private static String decodeEscaping(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length + 1);
        while (in.hasRemaining()) {
            var result = decoder.decode(in, chars, true);
            chars.flip();
            out.append(chars);
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.append((char) (0xDC00 | (in.get() & 0xFF)));
                }
            }
        }
        return out.toString();
    }

    /**
     * The bytes a name stands for: UTF-8, except lone surrogates {@code U+DC80..U+DCFF}, which are
     * the raw bytes {@link #decode} kept.
     */
    public static byte[] encode(String name) {
        int length = name.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = name.charAt(i) < 0x80;
        }
        if (ascii) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) name.charAt(i);
            }
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2);
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (isEscapedByte(name, i)) {
                out.writeBytes(name.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(name.charAt(i) & 0xFF);
                start = i + 1;
            }
        }
        out.writeBytes(name.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Whether {@link #encode} gives bytes that are not valid UTF-8 (PAX then says {@code hdrcharset=BINARY}). */
    public static boolean isBinary(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (isEscapedByte(name, i)) {
                return true;
            }
        }
        return false;
    }

    /** A lone surrogate {@code U+DC80..U+DCFF} (not the second half of a pair) stands for one raw byte. */
    private static boolean isEscapedByte(String name, int i) {
        char c = name.charAt(i);
        return c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(name.charAt(i - 1)));
    }

    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
