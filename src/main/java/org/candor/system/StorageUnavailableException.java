package org.candor.system;

/** The database cannot take writes now: its file is gone, or the write probe failed. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message) {
        super(message);
    }
}
