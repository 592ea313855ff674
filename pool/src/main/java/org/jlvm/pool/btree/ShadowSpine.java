package org.jlvm.pool.btree;

import java.io.IOException;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.tx.TransactionManager;
import org.jlvm.pool.tx.TransactionManager.Shadow;

/**
 * The write path down a tree: holds at most the current node and its parent, both shadowed (writable).
 * Each step shadows the next node, adds references to its children when the original was shared, and
 * remembers the first node shadowed as the (new) root.
 */
final class ShadowSpine implements AutoCloseable {
    private final TransactionManager tm;
    private Block parent;
    private Block current;
    private long root = -1;

    ShadowSpine(TransactionManager tm) {
        this.tm = tm;
    }

    /** Shadows block {@code b}; {@code vt} counts the values if it is a shared leaf. */
    void step(long b, ValueType vt) throws IOException {
        Shadow s = tm.shadow(b, NodeValidator.INSTANCE);
        if (s.incChildren()) {
            BTree.incChildren(tm, new Node(s.block().data()), vt);
        }
        push(s.block());
        if (root < 0) {
            root = s.block().location();
        }
    }

    /** Makes {@code b} the current node, the old current the parent. */
    void push(Block b) {
        if (parent != null) {
            parent.close();
        }
        parent = current;
        current = b;
    }

    /** Replaces the current node (after a split chose the other half). */
    void replaceCurrent(Block b) {
        if (current != b) {
            current.close();
            current = b;
        }
    }

    boolean hasParent() {
        return parent != null;
    }

    Block current() {
        return current;
    }

    Node currentNode() {
        return new Node(current.data());
    }

    Node parentNode() {
        return new Node(parent.data());
    }

    long root() {
        return root;
    }

    @Override
    public void close() {
        if (parent != null) {
            parent.close();
        }
        if (current != null) {
            current.close();
        }
        parent = null;
        current = null;
    }
}
