package io.github.ecrtoolkit.core.dockerfile.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.ecrtoolkit.core.dockerfile.Dockerfile;
import io.github.ecrtoolkit.core.dockerfile.DockerfileException;
import io.github.ecrtoolkit.core.dockerfile.Instruction;
import io.github.ecrtoolkit.core.layer.DockerIgnore;
import io.github.ecrtoolkit.core.layer.EntryOptions;
import io.github.ecrtoolkit.core.layer.LayerEntry;
import io.github.ecrtoolkit.core.layer.LayerSpec;
import io.github.ecrtoolkit.core.layer.internal.GoPatterns;
import io.github.ecrtoolkit.core.layer.internal.SlashPaths;

/**
 * {@code COPY} and {@code ADD} of local files with Docker's rules: sources relative to the
 * context (globs allowed, ignored files invisible), a directory source copies its contents, a
 * destination ending in {@code /} (or several sources) is a directory, a relative destination
 * starts at {@code WORKDIR}.
 */
final class CopyPlanner {

    private static final Set<String> COPY_FLAGS = Set.of("chown", "chmod", "link");
    private static final Pattern URL = Pattern.compile("^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|git@).*");
    private static final Pattern NUMERIC_OWNER = Pattern.compile("([0-9]+)(?::([0-9]+))?");

    private final Path context;
    private final DockerIgnore ignore;
    private final ShellLexer lexer;
    private final CopyWalks walks;
    /** Who plans: the walks another planner of the build made are reused, never this one's own. */
    private final Object planner;
    private final Set<String> knownDirectories = new HashSet<>();
    /** The layers planned so far: every folder they make is a folder later destinations may name. */
    private final List<LayerSpec> planned = new ArrayList<>();

    CopyPlanner(Path context, DockerIgnore ignore, ShellLexer lexer, CopyWalks walks, Object planner) {
        this.context = context;
        this.ignore = ignore;
        this.lexer = lexer;
        this.walks = walks;
        this.planner = planner;
    }

    /** An image path known to be a directory (WORKDIR, earlier COPY destinations). */
    void knownDirectory(String absolutePath) {
        knownDirectories.add(SlashPaths.relative(absolutePath));
    }

    /**
     * The layer {@code i} adds; with {@code walk} false, only checks the instruction and that its
     * sources exist (named files are stat-ed and patterns matched, folders are not walked) and
     * returns {@code null}.
     */
    LayerSpec plan(Instruction i, Map<String, String> variables, String workingDir, Dockerfile dockerfile, boolean walk) {
        String keyword = i.keyword();
        for (String flag : i.flags().keySet()) {
            if (flag.equals("from")) {
                throw fail(dockerfile, i, keyword + " --from copies from another stage or image, which needs every stage built",
                        DockerfileException.USE_DOCKER_ENGINE);
            }
            if (!COPY_FLAGS.contains(flag)) {
                throw fail(dockerfile, i, keyword + " --" + flag + " is not supported by the daemonless builder",
                        "Use only --chown, --chmod and --link, or " + DockerfileException.USE_DOCKER_ENGINE);
            }
        }
        if (i.arguments().contains("<<") && !i.execForm().isPresent()) {
            throw fail(dockerfile, i, keyword + " with a heredoc is not supported by the daemonless builder",
                    "Put the content in a file of the context and copy that, or " + DockerfileException.USE_DOCKER_ENGINE);
        }
        List<String> words = i.execForm().map(list -> list.stream().map(w -> lexer.word(w, variables)).toList())
                .orElseGet(() -> lexer.fields(i.arguments(), variables));
        if (words.size() < 2) {
            throw fail(dockerfile, i, keyword + " needs at least one source and a destination", "Write " + keyword + " <src>... <dest>.");
        }
        EntryOptions options = options(i, variables, dockerfile);
        List<String> sources = words.subList(0, words.size() - 1);
        String destination = words.get(words.size() - 1);
        boolean destIsDir = destination.endsWith("/") || destination.endsWith("/.") || destination.equals(".")
                || destination.equals("..");
        String dest = SlashPaths.relative(destination.startsWith("/") ? destination
                : (workingDir == null ? "/" : workingDir) + "/" + destination);
        if (!destIsDir && sources.size() > 1) {
            throw fail(dockerfile, i, "when " + keyword + " has several sources, the destination must be a directory and end with /",
                    "Write " + keyword + " ... " + destination + "/.");
        }
        destIsDir = destIsDir || dest.isEmpty() || isKnownDirectory(dest);

        List<String> matches = new ArrayList<>();
        for (String source : sources) {
            if (URL.matcher(source).matches()) {
                throw fail(dockerfile, i, keyword + " of the URL " + source + " needs the network, which the daemonless builder does not use",
                        "Download the file into the context first and COPY it, or " + DockerfileException.USE_DOCKER_ENGINE);
            }
            matches.addAll(resolve(source, i, dockerfile, keyword));
        }
        if (keyword.equals("ADD")) {
            for (String match : matches) {
                if (isArchive(match.isEmpty() ? context : context.resolve(match))) {
                    throw fail(dockerfile, i, "ADD would extract the archive " + match + ", which the daemonless builder does not do",
                            "Use COPY to copy the archive as it is, unpack it into the context first, or "
                                    + DockerfileException.USE_DOCKER_ENGINE);
                }
            }
        }
        if (!walk) {
            return null;
        }
        boolean intoDir = destIsDir || matches.size() > 1;
        LayerSpec spec = walks.layer(planner, new CopyWalks.Copy(i.text(), List.copyOf(matches), dest, intoDir, options),
                () -> walk(i, matches, dest, intoDir, options));
        planned.add(spec);
        return spec;
    }

    /** The layer of a {@code COPY} of {@code matches} (context-relative) to {@code dest}: its sources walked. */
    private LayerSpec walk(Instruction i, List<String> matches, String dest, boolean intoDir, EntryOptions options) {
        LayerSpec.Builder layer = LayerSpec.builder().context(context).ignore(ignore).description(i.text())
                // as docker build: permission bits as on disk, links inside copied folders kept as links (never read through)
                .modesFromDisk(true).keepLinksLeavingContext(true);
        if (intoDir && !dest.isEmpty() && options.uid() + options.gid() > 0) {
            layer.addDirectory(dest, EntryOptions.defaults().withOwner(options.uid(), options.gid()));
        }
        for (String match : matches) {
            Path file = match.isEmpty() ? context : context.resolve(match);
            if (Files.isDirectory(file)) {
                layer.add(file, dest, options);
            } else {
                layer.add(file, intoDir ? SlashPaths.join(dest, SlashPaths.baseName(match)) : dest, options);
            }
        }
        return layer.build();
    }

    /**
     * Whether {@code path} is a folder in the image so far: named by WORKDIR, or made by a layer
     * planned before — looked up in its entries, which are sorted by path (collecting every folder
     * of every layer was a pass over all entries per COPY).
     */
    private boolean isKnownDirectory(String path) {
        if (knownDirectories.contains(path)) {
            return true;
        }
        LayerEntry probe = LayerEntry.directory(path, 0755, 0, 0); // entries compare by path
        for (LayerSpec spec : planned) {
            List<LayerEntry> entries = spec.entries();
            int at = Collections.binarySearch(entries, probe);
            if (at >= 0 && entries.get(at).type() == LayerEntry.Type.DIRECTORY) {
                return true;
            }
        }
        return false;
    }

    /** Context-relative paths the source names: itself, or what its pattern matches. */
    private List<String> resolve(String source, Instruction i, Dockerfile dockerfile, String keyword) {
        String relative = SlashPaths.relative(source);
        if (relative.startsWith("..")) {
            throw fail(dockerfile, i, "the source " + source + " is outside the build context " + context,
                    "Move the file into the context, or build from a folder that contains it.");
        }
        if (!GoPatterns.hasMeta(relative)) {
            Path file = relative.isEmpty() ? context : context.resolve(relative);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw fail(dockerfile, i, "the source " + source + " does not exist in the build context " + context,
                        "Check the path; sources are relative to the context folder, not to the Dockerfile.");
            }
            if (ignore.excludes(relative) && !(Files.isDirectory(file) && ignore.mayIncludeUnder(relative))) {
                throw fail(dockerfile, i, "the source " + source + " is excluded by "
                        + ignore.source().map(Path::toString).orElse(".dockerignore"),
                        "Remove its pattern from the ignore file, or add the exception !" + relative + ".");
            }
            return List.of(relative);
        }
        Set<String> found = new TreeSet<>();
        try {
            glob(relative.split("/"), 0, "", found);
        } catch (IOException e) {
            throw fail(dockerfile, i, "cannot list the build context while matching " + source + ": " + e.getMessage(), null);
        }
        if (found.isEmpty()) {
            throw fail(dockerfile, i, "the pattern " + source + " matches no file in the build context " + context
                    + (ignore.excludesNothing() ? "" : " (files excluded by .dockerignore do not count)"),
                    "Check the pattern; sources are relative to the context folder.");
        }
        return List.copyOf(found);
    }

    private void glob(String[] segments, int index, String prefix, Set<String> found) throws IOException {
        if (index == segments.length) {
            if (!ignore.excludes(prefix)) {
                found.add(prefix);
            }
            return;
        }
        String segment = segments[index];
        Path dir = prefix.isEmpty() ? context : context.resolve(prefix);
        if (!GoPatterns.hasMeta(segment)) {
            String next = SlashPaths.join(prefix, segment);
            if (Files.exists(context.resolve(next), LinkOption.NOFOLLOW_LINKS)) {
                glob(segments, index + 1, next, found);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        Pattern pattern = GoPatterns.filepathMatch(segment);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (pattern.matcher(name).matches()) {
                    glob(segments, index + 1, SlashPaths.join(prefix, name), found);
                }
            }
        }
    }

    private EntryOptions options(Instruction i, Map<String, String> variables, Dockerfile dockerfile) {
        EntryOptions options = EntryOptions.defaults();
        if (i.flags().containsKey("chown")) {
            String owner = lexer.word(i.flags().get("chown"), variables);
            var m = NUMERIC_OWNER.matcher(owner);
            int uid;
            int gid;
            if (m.matches()) {
                uid = Integer.parseInt(m.group(1));
                gid = m.group(2) == null ? uid : Integer.parseInt(m.group(2));
            } else if (owner.equals("root") || owner.equals("root:root")) {
                uid = 0;
                gid = 0;
            } else {
                throw fail(dockerfile, i, "--chown=" + owner + " names a user or group, which only the base image's /etc/passwd can resolve",
                        "Use numeric ids, e.g. --chown=1000:1000, or " + DockerfileException.USE_DOCKER_ENGINE);
            }
            options = options.withOwner(uid, gid);
        }
        if (i.flags().containsKey("chmod")) {
            String mode = lexer.word(i.flags().get("chmod"), variables);
            if (!mode.matches("[0-7]{3,4}")) {
                throw fail(dockerfile, i, "--chmod=" + mode + " is not an octal mode",
                        "Write an octal mode such as --chmod=0755 (symbolic modes are not supported daemonless).");
            }
            options = options.withMode(Integer.parseInt(mode, 8));
        }
        return options;
    }

    /** Whether ADD would extract this file: a tar, possibly gzip/bzip2/xz/zstd compressed. */
    static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r') {
            return true;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean tarName = name.matches(".*\\.(tar\\.[a-z0-9]+|tgz|tbz2?|txz|tzst)$");
        boolean compressed = n >= 4 && ((head[0] == 0x1f && head[1] == (byte) 0x8b) || (head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')
                || (head[0] == (byte) 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X')
                || (head[0] == 0x28 && head[1] == (byte) 0xb5 && head[2] == 0x2f && head[3] == (byte) 0xfd));
        return tarName && compressed;
    }

    private static DockerfileException fail(Dockerfile dockerfile, Instruction i, String reason, String hint) {
        return new DockerfileException(dockerfile.fileName(), i.line(), i.text(), reason, hint);
    }
}
