package org.candor.campaign;

/** What backs a claim. */
public enum EvidenceKind {
    DOCUMENT,
    URL,
    PLATFORM_DATA,
    CASE_STUDY,
    CONVERSION_DATA,
    REFERENCE,
    CLINICAL_STUDY,
    TEST_REPORT
}
