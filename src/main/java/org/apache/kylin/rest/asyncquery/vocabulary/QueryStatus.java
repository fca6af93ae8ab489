package org.apache.kylin.rest.asyncquery.vocabulary;

/** The four status spellings of the async query API. */
public enum QueryStatus {
    RUNNING,
    SUCCESSFUL,
    FAILED,
    MISSING;

    public boolean isTerminal() {
        return this == SUCCESSFUL || this == FAILED;
    }
}
