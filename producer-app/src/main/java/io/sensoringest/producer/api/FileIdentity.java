package io.sensoringest.producer.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What tells one version of a file from another: its size, its modification time, and a
 * fingerprint over its name, size, modification time, first and last 64 KiB. The
 * fingerprint starts every message id of the file, and the consumers' ledger keeps a
 * message id once stored; so a file rewritten under the same name and size must get other
 * ids, or its new rows would count as stored already. It is cheap to take even of a large
 * file.
 *
 * @param size bytes
 * @param modifiedMillis modification time
 * @param fingerprint 16 hex digits
 */
public record FileIdentity(long size, long modifiedMillis, String fingerprint) {

	private static final int SAMPLE = 64 * 1024;

	/** Takes the identity of a file as it is now. */
	public static FileIdentity of(InputFile file) throws IOException {
		long modified = Files.getLastModifiedTime(file.path()).toMillis();
		try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
			long size = channel.size();
			MessageDigest digest = sha256();
			digest.update((file.name() + "\n" + size + "\n" + modified + "\n").getBytes(StandardCharsets.UTF_8));
			digest.update(read(channel, 0, (int) Math.min(SAMPLE, size)));
			digest.update(read(channel, Math.max(0, size - SAMPLE), (int) Math.min(SAMPLE, size)));
			String fingerprint = HexFormat.of().formatHex(digest.digest(), 0, 8);
			return new FileIdentity(size, modified, fingerprint);
		}
	}

	/**
	 * Whether the file still has this version's size and modification time: cheap enough
	 * to ask of every file once it is read (a stat, not a fingerprint).
	 */
	public boolean sameStamp(InputFile file) throws IOException {
		BasicFileAttributes now = Files.readAttributes(file.path(), BasicFileAttributes.class);
		return now.size() == this.size && now.lastModifiedTime().toMillis() == this.modifiedMillis;
	}

	private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
			// keep reading until the sample is full or the file ends
		}
		return buffer.flip();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
