package io.sensoringest.system.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README stays a page a newcomer reads top to bottom, and every link of it and of the
 * pages in {@code docs/} leads somewhere: to a file that is there and, for a page, to a
 * heading it has.
 */
class DocsTests {

	private static final int README_MOST_LINES = 300;

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	@Test
	void theReadmeFitsOnAFewScreensAndOpensWithItsContents() {
		List<String> lines = StackFiles.read("README.md").lines().toList();

		assertThat(lines).as("README.md lines: move detail to docs/").hasSizeLessThanOrEqualTo(README_MOST_LINES);
		assertThat(lines).contains("## Contents");
		List<String> sections = lines.stream().filter((line) -> line.startsWith("## ")).toList();
		assertThat(sections.get(0)).isEqualTo("## Contents");
		String readme = String.join("\n", lines);
		for (String section : sections.subList(1, sections.size())) {
			assertThat(readme).as("the contents link " + section).contains("](#" + anchor(section) + ")");
		}
	}

	@Test
	void theReadmeLinksEveryPageOfDocs() throws IOException {
		String readme = StackFiles.read("README.md");
		try (Stream<Path> pages = Files.list(StackFiles.ROOT.resolve("docs"))) {
			for (Path page : pages.filter((p) -> p.toString().endsWith(".md")).toList()) {
				assertThat(readme).as("README.md links docs/" + page.getFileName())
					.contains("](docs/" + page.getFileName() + ")");
			}
		}
	}

	@Test
	void everyLinkLeadsToAFileThatIsThereAndAHeadingItHas() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(StackFiles.ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(StackFiles.ROOT.resolve("docs"))) {
			docs.filter((p) -> p.toString().endsWith(".md")).forEach(pages::add);
		}
		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			Matcher link = LINK.matcher(Files.readString(page));
			while (link.find()) {
				String target = link.group(1);
				if (target.startsWith("http")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(page.getFileName() + ": " + target + " (no such file)");
				}
				else if (hash >= 0 && resolved.toString().endsWith(".md")
						&& !anchors(resolved).contains(target.substring(hash + 1))) {
					broken.add(page.getFileName() + ": " + target + " (no such heading)");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("#")) {
				anchors.add(anchor(line));
			}
		}
		return anchors;
	}

	/** The anchor a heading gets, as GitHub makes it. */
	static String anchor(String heading) {
		String text = heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
		return text.replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
	}

}
