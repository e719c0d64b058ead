package io.warpengine.bench.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyChartTest {

    @TempDir
    Path dir;

    /** Three workloads in a column (they once failed inside XChart's merge of a 2 x 2 grid), four in a 2 x 2 grid. */
    @Test
    void drawsOneChartPerWorkload() throws IOException {
        for (int count = 3; count <= 4; count++) {
            List<KeyStream> streams = List.of(KeyStream.values()).subList(0, count);
            List<PolicySimulator.Cell> cells = new ArrayList<>();
            for (KeyStream stream : streams) {
                for (double fraction : new double[] {0.01, 0.1}) {
                    for (PolicyKind kind : PolicyKind.values()) {
                        cells.add(new PolicySimulator.Cell(stream.label(), fraction, 10, kind.label(), 100, fraction * 5,
                                10, 10, List.of(fraction * 5), List.of(10.0), List.of(10.0)));
                    }
                }
            }
            Path file = dir.resolve(count + ".png");
            PolicyChart.write(file, "hit ratio", streams, cells);
            BufferedImage image = ImageIO.read(file.toFile());
            int columns = count == 4 ? 2 : 1;
            assertEquals(columns * PolicyChart.WIDTH, image.getWidth(), count + " workloads");
            assertEquals(count / columns * PolicyChart.HEIGHT, image.getHeight(), count + " workloads");
        }
    }
}
