package io.github.ecrtoolkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {

    @Test
    void push_withoutARegistry_isRefused_sayingWhatToUseInstead(@TempDir Path dir) {
        assertThatThrownBy(() -> Image.build(dir).tag("app:1").push())
                .isInstanceOf(EcrToolkitException.class)
                .hasMessageContaining("no registry to push to")
                .hasMessageContaining("writeTarball");
    }

    @Test
    void loadInto_withoutATag_isRefused_beforeBuilding(@TempDir Path dir) {
        assertThatThrownBy(() -> Image.build(dir).loadInto(tarball -> List.of()))
                .isInstanceOf(EcrToolkitException.class).hasMessageContaining("no tag");
    }

    @Test
    void repoTags_ofAnImageWithoutRegistry_haveNoHost_andOthersKeepTheirs() {
        assertThat(ImageFiles.repoTag(io.github.ecrtoolkit.core.image.ImageReference.parse("app:1", ""))).isEqualTo("app:1");
        assertThat(ImageFiles.repoTag(io.github.ecrtoolkit.core.image.ImageReference.parse("team/app", ""))).isEqualTo("team/app:latest");
        assertThat(ImageFiles.repoTag(io.github.ecrtoolkit.core.image.ImageReference.parse("127.0.0.1:5000/app:1")))
                .isEqualTo("127.0.0.1:5000/app:1");
    }
}
