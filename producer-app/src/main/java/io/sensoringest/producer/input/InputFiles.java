package io.sensoringest.producer.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files to publish: every file ending in the extension (or in the extension and
 * {@code .gz}, read compressed) below the input folder, or below the paths given on the
 * command line, in a stable order. Below a folder it follows no symbolic link that leads
 * out of that folder.
 */
public final class InputFiles {

	private static final Logger logger = LoggerFactory.getLogger(InputFiles.class);

	private static final List<String> IGNORED_ENDINGS = List.of(".part", ".tmp", ".swp", ".crdownload", "~");

	private InputFiles() {
	}

	/**
	 * Lists the files that the producer's settings and the command line name: below
	 * {@code TARGET_FILE_DIR}, or the paths given, the done and error folders left out.
	 * @throws InputException if a path given does not exist or a folder cannot be read
	 */
	public static List<InputFile> find(List<String> arguments, ProducerSettings settings) {
		return find(arguments, settings.targetDir(), settings.extension(), settings.finished().folders());
	}

	/**
	 * Lists the files.
	 * @param arguments paths given on the command line; none means the input folder
	 * @param targetDir the input folder
	 * @param extension the ending that marks input files
	 * @return the files, sorted by name within each argument
	 * @throws InputException if a path given does not exist or a folder cannot be read
	 */
	public static List<InputFile> find(List<String> arguments, Path targetDir, String extension) {
		return find(arguments, targetDir, extension, List.of());
	}

	private static List<InputFile> find(List<String> arguments, Path targetDir, String extension,
			Collection<Path> leftOut) {
		if (arguments.isEmpty()) {
			if (!Files.isDirectory(targetDir)) {
				throw new InputException("TARGET_FILE_DIR=" + targetDir + " is not a folder");
			}
			return below(targetDir, extension, leftOut);
		}
		List<InputFile> files = new ArrayList<>();
		for (String argument : arguments) {
			Path path = Path.of(argument);
			if (Files.isDirectory(path)) {
				files.addAll(below(path, extension, leftOut));
			}
			else if (Files.isRegularFile(path)) {
				files.add(new InputFile(path, argument));
			}
			else {
				throw new InputException("no such file or folder: " + argument);
			}
		}
		return files;
	}

	/**
	 * Whether a name marks an input file: it ends in the extension, or that and .gz, and
	 * is not one that writers use while a file is incomplete.
	 */
	static boolean isInput(String name, String extension) {
		return (name.endsWith(extension) || name.endsWith(extension + InputFile.GZIP)) && !isIgnored(name);
	}

	/**
	 * Whether a name is never taken: hidden, or what editors, downloads and writers that
	 * rename into place call a file until it is complete.
	 */
	static boolean isIgnored(String name) {
		return name.startsWith(".") || IGNORED_ENDINGS.stream().anyMatch(name::endsWith);
	}

	/**
	 * Lists the input files below a folder, sorted by name, leaving out the folders given
	 * (the producer's done and error folders when they lie inside).
	 * @throws InputException if the folder cannot be read
	 */
	private static List<InputFile> below(Path dir, String extension, Collection<Path> leftOut) {
		Path root = realPath(dir);
		List<Path> skipped = leftOut.stream().map((p) -> p.toAbsolutePath().normalize()).toList();
		try (Stream<Path> paths = Files.walk(dir)) {
			return paths.filter((p) -> isInput(p.getFileName().toString(), extension))
				.filter((p) -> skipped.stream().noneMatch(p.toAbsolutePath().normalize()::startsWith))
				.filter((p) -> isRegularFileInside(p, root))
				.map((p) -> new InputFile(p, dir.relativize(p).toString()))
				.sorted(Comparator.comparing(InputFile::name))
				.toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			throw new InputException("cannot list " + dir + ": " + ex.getMessage());
		}
	}

	private static boolean isRegularFileInside(Path path, Path root) {
		if (!Files.isSymbolicLink(path)) {
			return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
		}
		Path target = realPath(path);
		if (target == null || !target.startsWith(root)) {
			logger.warn("{}: skipped, a symbolic link that leads out of {}", path, root);
			return false;
		}
		return Files.isRegularFile(target);
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
