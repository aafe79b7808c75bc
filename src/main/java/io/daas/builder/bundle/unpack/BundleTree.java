package io.daas.builder.bundle.unpack;

import io.daas.builder.bundle.InvalidBundleException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an unpacking has made so far, in memory: folders, files and symlinks by relative path. It
 * refuses entries written through a symlink or over a folder, and resolves every symlink the way
 * the kernel would, so none leads out of the bundle, also through other symlinks.
 */
final class BundleTree {

    /** Where an entry lands, so the writer knows what to do on disk. */
    enum Placement {
        NEW,
        NEW_IN_NEW_FOLDER,
        REPLACES,
        ALREADY_THERE
    }

    private enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK
    }

    private record Node(Kind kind, String linkTarget, String entryName) {}

    private static final Node DIRECTORY = new Node(Kind.DIRECTORY, null, null);
    private static final Node FILE = new Node(Kind.FILE, null, null);
    private static final int MAX_LINK_HOPS = 40;

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Node> symlinks = new HashMap<>();
    private String top;
    private boolean singleTop = true;

    /** Records an entry at its normalized path. */
    Placement add(String path, BundleEntry entry) {
        boolean newFolder = ensureParents(path, entry);
        trackTop(path);
        Node existing = nodes.get(path);
        Node node = switch (entry.type()) {
            case DIRECTORY -> DIRECTORY;
            case SYMLINK -> new Node(Kind.SYMLINK, entry.linkName(), entry.name());
            default -> FILE;
        };
        if (existing != null && existing.kind() == Kind.DIRECTORY) {
            if (node == DIRECTORY) {
                return Placement.ALREADY_THERE;
            }
            throw new InvalidBundleException(
                    "Bundle entry '" + entry.name() + "' would replace the folder '" + path + "' with a file or link");
        }
        nodes.put(path, node);
        if (node.kind() == Kind.SYMLINK) {
            symlinks.put(path, node);
        } else if (existing != null) {
            symlinks.remove(path);
        }
        if (existing != null) {
            return Placement.REPLACES;
        }
        return newFolder ? Placement.NEW_IN_NEW_FOLDER : Placement.NEW;
    }

    /** Refuses a hard link unless its source is a regular file unpacked earlier. */
    void requireFile(String source, BundleEntry entry) {
        if (nodes.get(source) != FILE) {
            throw new InvalidBundleException("Bundle entry '" + entry.name() + "' is a hard link to '"
                    + entry.linkName() + "', which is not a file earlier in the bundle");
        }
    }

    /** Refuses the symlink at {@code path} if, as things stand, it leads out of the bundle. */
    void checkSymlink(String path) {
        resolve(path, symlinks.get(path), 0);
    }

    /** Checks every symlink once all entries are in, with {@code root} as the folder none may leave. */
    void checkAllSymlinks(String root) {
        int rootDepth = root == null ? 0 : 1;
        symlinks.forEach((path, node) -> resolve(path, node, rootDepth));
    }

    /** The one top folder all entries sit under, as GitHub archives have, or null. */
    String singleTopFolder() {
        return singleTop && top != null && nodes.get(top) == DIRECTORY ? top : null;
    }

    private boolean ensureParents(String path, BundleEntry entry) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || nodes.get(path.substring(0, slash)) == DIRECTORY) {
            return false; // a known folder's own parents are all folders
        }
        boolean created = false;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String ancestor = path.substring(0, i);
            Node node = nodes.get(ancestor);
            if (node == null) {
                nodes.put(ancestor, DIRECTORY);
                created = true;
            } else if (node.kind() == Kind.SYMLINK) {
                throw new InvalidBundleException("Bundle entry '" + entry.name()
                        + "' would be written through the symlink '" + node.entryName() + "'");
            } else if (node.kind() == Kind.FILE) {
                throw new InvalidBundleException(
                        "Bundle entry '" + entry.name() + "' sits under '" + ancestor + "', which is a file");
            }
        }
        return created;
    }

    private void trackTop(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (top == null) {
            top = first;
        } else if (!top.equals(first)) {
            singleTop = false;
        }
    }

    /** Follows the link component by component, through other symlinks, failing if it leaves the root. */
    private void resolve(String path, Node link, int rootDepth) {
        List<String> at = new ArrayList<>(List.of(path.split("/")));
        at.remove(at.size() - 1);
        Deque<String> todo = new ArrayDeque<>();
        pushFront(todo, link.linkTarget());
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.size() <= rootDepth) {
                    throw new InvalidBundleException("Bundle entry '" + link.entryName()
                            + "' links outside the bundle to '" + link.linkTarget() + "'");
                }
                at.remove(at.size() - 1);
                continue;
            }
            at.add(part);
            Node node = nodes.get(String.join("/", at));
            if (node != null && node.kind() == Kind.SYMLINK) {
                if (++hops > MAX_LINK_HOPS) {
                    throw new InvalidBundleException(
                            "Bundle entry '" + link.entryName() + "' is part of a symlink loop");
                }
                at.remove(at.size() - 1);
                pushFront(todo, node.linkTarget());
            } else if (node != null && node.kind() == Kind.FILE) {
                return; // nothing can be reached through a file
            }
        }
    }

    private static void pushFront(Deque<String> todo, String target) {
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.addFirst(parts[i]);
        }
    }
}
