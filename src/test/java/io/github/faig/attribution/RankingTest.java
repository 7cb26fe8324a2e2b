package io.github.faig.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.faig.io.Csv;
import io.github.faig.nn.NetworkSpec;

class RankingTest {

	@Test
	void ranksByScoreThenIndexAndSelectsTopPercent() {
		final Ranking r = Ranking.of(new float[] { 0.5f, 2f, 0.5f, -1f, 3f });
		assertArrayEquals(new int[] { 4, 1, 0, 2, 3 }, r.order());
		assertArrayEquals(new int[] { 3, 2, 0, 1, 4 }, r.reversed().order());
		assertEquals(0, r.count(10));
		assertEquals(1, r.count(20));
		assertEquals(2, r.count(40));
		assertArrayEquals(new int[] { 4, 1 }, r.top(40));
		assertEquals(1519, Ranking.of(new float[151_936]).count(1));
		assertThrows(IllegalArgumentException.class, () -> r.count(101));
		assertThrows(IllegalArgumentException.class, () -> Ranking.of(new float[] { Float.NaN }));
	}

	@Test
	void referenceFormatRoundTrips(@TempDir final Path dir) throws Exception {
		final Ranking r = Ranking.of(new float[] { 0.1f, 0.9f, 0.4f });
		final File f = dir.resolve("blur_index.txt").toFile();
		r.writeIndexFile(f);
		assertEquals("1\n2\n0\n", Files.readString(f.toPath()));
		assertArrayEquals(r.order(), Ranking.readIndexFile(f, 3).order());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Ranking.readIndexFile(f, 4)).getMessage()
			.contains("lists 3 filters"));
		Files.writeString(f.toPath(), "1\n1\n0\n");
		assertThrows(IllegalArgumentException.class, () -> Ranking.readIndexFile(f, 3));
		Files.writeString(f.toPath(), "1\nx\n0\n");
		assertThrows(IllegalArgumentException.class, () -> Ranking.readIndexFile(f, 3));
	}

	@Test
	void csvNamesLayerOutAndIn(@TempDir final Path dir) throws Exception {
		final NetworkSpec spec = new NetworkSpec("MSRResNet", 2, 4, 1);
		final FilterIndex fi = FilterIndex.of(spec);
		final float[] s = new float[fi.filterCount()];
		s[fi.index(1, 2, 3)] = 5;
		final File f = dir.resolve("r.csv").toFile();
		Csv.write(f, Ranking.of(s).rows(fi, 100));
		final String[] lines = Files.readString(f.toPath()).split("\n");
		assertEquals("rank,index,layer,out,in,score", lines[0]);
		assertEquals("1," + fi.index(1, 2, 3) + ",body.0.conv1,2,3,5.00000000", lines[1]);
		assertEquals(fi.filterCount() + 1, lines.length);
	}
}
