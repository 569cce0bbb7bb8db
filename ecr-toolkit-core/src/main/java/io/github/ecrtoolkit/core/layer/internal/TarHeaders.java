package io.github.ecrtoolkit.core.layer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes tar headers: ustar, with a PAX extended header before it when a name or link name is
 * longer than its field or not ASCII, or a number does not fit (files of 8 GiB and more, large
 * ids) — as Go's {@code archive/tar}, which Docker uses, does. Names are written as the bytes
 * {@link RawNames} gives back, so names that are not UTF-8 survive ({@code hdrcharset=BINARY}).
 *
 * <p>Written here rather than through a general tar library because a layer of 50,000 files
 * spends more time building and encoding entry objects than writing their bytes.
 */
public final class TarHeaders {

    public static final int BLOCK = 512;
    public static final byte FILE = '0';
    public static final byte HARD_LINK = '1';
    public static final byte SYMLINK = '2';
    public static final byte DIRECTORY = '5';
    private static final byte PAX = 'x';

    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final byte[] MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] block = new byte[BLOCK];

    /**
     * Writes the header (and a PAX header before it when needed) of one entry.
     *
     * @param name the entry's name, directories with a trailing {@code /}
     * @param linkName the link's target, or {@code null}
     * @param mode type and permission bits, as {@code stat} gives them
     * @param mtimeSeconds seconds since the epoch
     */
    public void write(OutputStream out, String name, byte type, String linkName, int mode, int uid, int gid, long size,
            long mtimeSeconds) throws IOException {
        byte[] nameBytes = RawNames.encode(name);
        byte[] linkBytes = linkName == null ? null : RawNames.encode(linkName);
        StringBuilder pax = null;
        boolean binary = false;
        if (nameBytes.length > 100 || !ascii(nameBytes)) {
            pax = record(pax, "path", nameBytes);
            binary = RawNames.isBinary(name);
        }
        if (linkBytes != null && (linkBytes.length > 100 || !ascii(linkBytes))) {
            pax = record(pax, "linkpath", linkBytes);
            binary |= RawNames.isBinary(linkName);
        }
        if (size > MAX_OCTAL_11) {
            pax = record(pax, "size", Long.toString(size).getBytes(StandardCharsets.US_ASCII));
        }
        if (uid > MAX_OCTAL_7) {
            pax = record(pax, "uid", Integer.toString(uid).getBytes(StandardCharsets.US_ASCII));
        }
        if (gid > MAX_OCTAL_7) {
            pax = record(pax, "gid", Integer.toString(gid).getBytes(StandardCharsets.US_ASCII));
        }
        if (pax != null) {
            if (binary) {
                pax.insert(0, recordText("hdrcharset", "BINARY"));
            }
            byte[] records = pax.toString().getBytes(StandardCharsets.ISO_8859_1);
            header(out, paxName(nameBytes), PAX, null, 0100644, 0, 0, records.length, mtimeSeconds);
            out.write(records);
            pad(out, records.length);
        }
        header(out, nameBytes, type, linkBytes, mode, uid, gid, size, mtimeSeconds);
    }

    /** Zero bytes up to the next block boundary after {@code size} bytes of content. */
    public void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            Arrays.fill(block, (byte) 0);
            out.write(block, 0, BLOCK - rest);
        }
    }

    /** The end of an archive: two zero blocks. */
    public void finish(OutputStream out) throws IOException {
        Arrays.fill(block, (byte) 0);
        out.write(block);
        out.write(block);
    }

    private void header(OutputStream out, byte[] name, byte type, byte[] linkName, int mode, int uid, int gid, long size,
            long mtimeSeconds) throws IOException {
        byte[] b = block;
        Arrays.fill(b, (byte) 0);
        System.arraycopy(name, 0, b, 0, Math.min(name.length, 100));
        octal(b, 100, 8, mode & 07777777);
        octal(b, 108, 8, Math.min(uid, MAX_OCTAL_7));
        octal(b, 116, 8, Math.min(gid, MAX_OCTAL_7));
        octal(b, 124, 12, size > MAX_OCTAL_11 ? 0 : size);
        octal(b, 136, 12, Math.max(0, Math.min(mtimeSeconds, MAX_OCTAL_11)));
        b[156] = type;
        if (linkName != null) {
            System.arraycopy(linkName, 0, b, 157, Math.min(linkName.length, 100));
        }
        System.arraycopy(MAGIC, 0, b, 257, MAGIC.length);
        b[263] = '0';
        b[264] = '0';
        octal(b, 329, 8, 0);
        octal(b, 337, 8, 0);
        Arrays.fill(b, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte value : b) {
            checksum += value & 0xFF;
        }
        octal(b, 148, 7, checksum);   // six digits, NUL, and the space left from above
        out.write(b);
    }

    /** {@code width - 1} octal digits, zero-padded, then NUL. */
    private static void octal(byte[] b, int offset, int width, long value) {
        int end = offset + width - 1;
        b[end] = 0;
        long rest = value;
        for (int i = end - 1; i >= offset; i--) {
            b[i] = (byte) ('0' + (rest & 7));
            rest >>>= 3;
        }
    }

    private static StringBuilder record(StringBuilder pax, String key, byte[] value) {
        StringBuilder records = pax == null ? new StringBuilder() : pax;
        return records.append(recordText(key, new String(value, StandardCharsets.ISO_8859_1)));
    }

    /** {@code "<length> <key>=<value>\n"}, the length counting itself; value chars are bytes (ISO-8859-1). */
    private static String recordText(String key, String value) {
        int body = 1 + key.length() + 1 + value.length() + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    /** The PAX header's own name: {@code PaxHeaders.0/<last element>}, ASCII, within 100 bytes, as Go names it. */
    private static byte[] paxName(byte[] name) {
        int end = name.length;
        while (end > 0 && name[end - 1] == '/') {
            end--;
        }
        int start = end;
        while (start > 0 && name[start - 1] != '/') {
            start--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PaxHeaders.0/".getBytes(StandardCharsets.US_ASCII));
        for (int i = start; i < end && out.size() < 100; i++) {
            out.write(name[i] >= 0x20 && name[i] < 0x7F ? name[i] : '_');
        }
        return out.toByteArray();
    }

    private static boolean ascii(byte[] bytes) {
        for (byte value : bytes) {
            if (value < 0) {
                return false;
            }
        }
        return true;
    }
}
