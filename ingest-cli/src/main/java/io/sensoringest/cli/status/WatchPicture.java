package io.sensoringest.cli.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerProperties.Finished;
import io.sensoringest.producer.settings.ProducerSettings;

/**
 * What a watching producer leaves to see beside the files' rows: the input files not
 * published yet and how long the oldest has waited, and how many files its done policy
 * moved into the done and error folders.
 *
 * @param done files in {@code PRODUCER_DONE_DIR}
 * @param inError files in {@code PRODUCER_ERROR_DIR}, their rejects files not counted
 * @param folders where those are
 */
record WatchPicture(long done, long inError, Finished folders) {

	/** Counts the files in the done and error folders. */
	static WatchPicture of(ProducerSettings settings) throws IOException {
		Finished folders = settings.finished();
		return new WatchPicture(count(folders.doneDir(), settings.extension()),
				count(folders.errorDir(), settings.extension()), folders);
	}

	private static long count(Path dir, String extension) throws IOException {
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(extension) || name.endsWith(extension + InputFile.GZIP))
				.count();
		}
	}

	/** Returns how many files left the input folder. */
	long finished() {
		return this.done + this.inError;
	}

	/**
	 * Returns the line, when there is anything to say: {@code watch: 2 files not
	 * published yet, the oldest (b.csv) waiting 42 s; 14 in done, 1 in error}.
	 * @param inputFiles the files the report is about
	 */
	Optional<String> line(StatusReport report, List<InputFile> inputFiles) {
		List<FileStatus> waiting = report.files()
			.stream()
			.filter((file) -> file.state() == FileState.NOT_PUBLISHED)
			.toList();
		if (waiting.isEmpty() && finished() == 0) {
			return Optional.empty();
		}
		List<String> names = waiting.stream().map(FileStatus::name).toList();
		String oldest = inputFiles.stream()
			.filter((input) -> names.contains(input.name()))
			.map((input) -> new Waiting(input.name(), age(input.path())))
			.max(Comparator.comparingLong(Waiting::seconds))
			.map((file) -> String.format(", the oldest (%s) waiting %d s", file.name(), file.seconds()))
			.orElse("");
		return Optional.of(String.format("watch: %,d %s not published yet%s; %,d in %s, %,d in %s", waiting.size(),
				(waiting.size() == 1) ? "file" : "files", oldest, this.done, this.folders.doneDir(), this.inError,
				this.folders.errorDir()));
	}

	private static long age(Path file) {
		try {
			return Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now()).toSeconds();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** A file not published yet, and since when it was last written. */
	private record Waiting(String name, long seconds) {

	}

}
