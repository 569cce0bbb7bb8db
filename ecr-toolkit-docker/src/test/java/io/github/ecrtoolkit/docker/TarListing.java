package io.github.ecrtoolkit.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a tar's entries with their names as the raw bytes (one char per byte, ISO-8859-1), PAX
 * {@code path}/{@code linkpath} records included: a tar library would decode them as UTF-8 and
 * make two names that differ in invalid bytes look the same.
 */
final class TarListing {

    /** One entry: type flag, permission bits, owner, link target; the time separately. */
    record Entry(char type, int mode, long uid, long gid, String link, long mtime) {
        String withoutTime() {
            return type + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + (link.isEmpty() ? "" : " -> " + link);
        }
    }

    private TarListing() {
    }

    static Map<String, Entry> read(Path tar) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            String paxPath = null;
            String paxLink = null;
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                byte[] content = in.readNBytes((int) ((size + 511) / 512 * 512));
                if (type == 'x') {
                    for (String record : new String(content, 0, (int) size, StandardCharsets.ISO_8859_1).split("\n")) {
                        String keyValue = record.substring(record.indexOf(' ') + 1);
                        if (keyValue.startsWith("path=")) {
                            paxPath = keyValue.substring(5);
                        } else if (keyValue.startsWith("linkpath=")) {
                            paxLink = keyValue.substring(9);
                        }
                    }
                    continue;
                }
                String name = paxPath != null ? paxPath : text(header, 345, 155).isEmpty() ? text(header, 0, 100)
                        : text(header, 345, 155) + "/" + text(header, 0, 100);
                String link = paxLink != null ? paxLink : text(header, 157, 100);
                entries.put(name.endsWith("/") ? name.substring(0, name.length() - 1) : name, new Entry(type == '\0' ? '0' : type,
                        (int) (octal(header, 100, 8) & 07777), octal(header, 108, 8), octal(header, 116, 8), link, octal(header, 136, 12)));
                paxPath = null;
                paxLink = null;
            }
        }
        return entries;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
