package io.github.ecrtoolkit.core.build.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void eachWorkspace_isAFreshFolderOnlyItsOwnerMayEnter_deletedWhenClosed() throws IOException {
        try (Workspace one = Workspace.create(); Workspace two = Workspace.create()) {
            assertThat(one.dir()).isNotEqualTo(two.dir()).isDirectory();
            assertThat(one.dir().getParent()).isEqualTo(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(one.dir()))).isEqualTo("rwx------");
            Files.createDirectories(one.dir().resolve("layers/x"));
            Files.writeString(one.dir().resolve("layers/x/blob"), "b");
            one.close();
            assertThat(one.dir()).doesNotExist();
        }
    }
}
