package dev.slipway.agent.install;

import dev.slipway.agent.fetch.RepositoryClient;
import dev.slipway.agent.machine.Event;
import dev.slipway.agent.state.StateStore;
import dev.slipway.repository.FrameDecoder;
import dev.slipway.repository.FrameIndex;
import dev.slipway.repository.PayloadException;
import dev.slipway.repository.RepositoryLayout;
import dev.slipway.repository.VerifiedHashTree;
import dev.slipway.trust.manifest.Artifact;
import dev.slipway.trust.manifest.VerityInfo;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a release's /usr into the inactive slot and proves what landed there. The hash tree is fetched first
 * and checked against the signed root hash; then frames are fetched by range, decoded, and every 4 KiB block
 * checked against the tree before it is written, so no unverified byte reaches the disk; progress is
 * committed after each run of frames is synced, and a restart resumes after the last committed run. At the
 * end the whole slot is read back and checked again: the tree on disk against the root hash, every data
 * block against it, and the SHA-256 of the payload against the manifest.
 */
public final class SlotInstaller {

    private static final long INDEX_LIMIT = 16 << 20;
    private static final int READ_CHUNK = 1 << 20;

    private final RepositoryClient client;
    private final StateStore store;
    private final int framesPerRun;

    /** @param framesPerRun frames fetched in one range request and committed together */
    public SlotInstaller(RepositoryClient client, StateStore store, int framesPerRun) {
        this.client = client;
        this.store = store;
        this.framesPerRun = framesPerRun;
    }

    /** The downloading phase, from the committed frame on; ends with {@link Event.DownloadComplete} committed. */
    public void download(String path, Artifact usr, SlotRegion slot) throws IOException, InstallException {
        VerityInfo verity = usr.verity();
        long dataBlocks = verity.dataSize() / FrameIndex.BLOCK_SIZE;
        long areaSize = usr.size() - verity.hashOffset();
        byte[] area = client.fetch(path + "/" + RepositoryLayout.USR_VERITY, areaSize);
        VerifiedHashTree tree;
        FrameIndex index;
        try {
            if (area.length != areaSize) {
                throw new PayloadException("the hash area is " + area.length + " bytes; the manifest implies " + areaSize);
            }
            tree = VerifiedHashTree.load(area, verity.rootHash(), dataBlocks);
            int maxFrames = (int) Math.min(Integer.MAX_VALUE, Math.max(1, dataBlocks));
            index = FrameIndex.parse(client.fetch(path + "/" + RepositoryLayout.USR_FRAME_INDEX, INDEX_LIMIT),
                    verity.dataSize(), maxFrames);
        } catch (PayloadException e) {
            throw new InstallException("the /usr payload of " + path + " is refused: " + e.getMessage(), true);
        }
        List<FrameIndex.Frame> frames = index.frames();
        int done = store.current().target().framesDone();
        while (done < frames.size()) {
            List<FrameIndex.Frame> run = frames.subList(done, Math.min(frames.size(), done + framesPerRun));
            long bytes = writeRun(path, run, tree, slot);
            slot.sync();
            done += run.size();
            store.commit(new Event.FramesWritten(done, bytes));
        }
        byte[] gap = new byte[(int) (verity.hashOffset() - verity.dataSize())];
        slot.write(verity.dataSize(), gap, 0, gap.length);
        slot.write(verity.hashOffset(), area, 0, area.length);
        slot.sync();
        store.commit(new Event.DownloadComplete());
    }

    private long writeRun(String path, List<FrameIndex.Frame> run, VerifiedHashTree tree, SlotRegion slot)
            throws IOException, InstallException {
        FrameIndex.Frame first = run.getFirst();
        long length = run.getLast().payloadEnd() - first.payloadOffset();
        try (InputStream in = client.openRange(path + "/" + RepositoryLayout.USR_FRAMES, first.payloadOffset(), length)) {
            for (FrameIndex.Frame frame : run) {
                byte[] compressed = in.readNBytes(frame.payloadLength());
                byte[] data;
                try {
                    data = FrameDecoder.decode(compressed, frame);
                    tree.verifyFrame(frame, data);
                } catch (PayloadException e) {
                    throw new InstallException("frame " + frame.number() + " of " + path + " is refused: "
                            + e.getMessage() + "; nothing of it was written", true);
                }
                slot.write(frame.dataOffset(), data, 0, data.length);
            }
        }
        return length;
    }

    /** The verifying phase: reads the slot back and checks all of it. */
    public void verify(Artifact usr, SlotRegion slot) throws IOException, InstallException {
        VerityInfo verity = usr.verity();
        long dataBlocks = verity.dataSize() / FrameIndex.BLOCK_SIZE;
        byte[] area = new byte[(int) (usr.size() - verity.hashOffset())];
        slot.read(verity.hashOffset(), area, area.length);
        MessageDigest sha256 = sha256();
        try {
            VerifiedHashTree tree = VerifiedHashTree.load(area, verity.rootHash(), dataBlocks);
            byte[] chunk = new byte[READ_CHUNK];
            byte[] block = new byte[FrameIndex.BLOCK_SIZE];
            for (long offset = 0; offset < verity.dataSize(); offset += READ_CHUNK) {
                int length = (int) Math.min(READ_CHUNK, verity.dataSize() - offset);
                slot.read(offset, chunk, length);
                sha256.update(chunk, 0, length);
                for (int at = 0; at < length; at += block.length) {
                    System.arraycopy(chunk, at, block, 0, block.length);
                    tree.verifyBlock((offset + at) / block.length, block);
                }
            }
        } catch (PayloadException e) {
            throw new InstallException("slot verification failed after writing: " + e.getMessage(), true);
        }
        byte[] gap = new byte[(int) (verity.hashOffset() - verity.dataSize())];
        slot.read(verity.dataSize(), gap, gap.length);
        sha256.update(gap);
        sha256.update(area);
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (!digest.equals(usr.sha256())) {
            throw new InstallException("the slot's payload has SHA-256 " + digest + " after writing; the manifest says "
                    + usr.sha256(), true);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
