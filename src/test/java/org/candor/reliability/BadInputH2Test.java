package org.candor.reliability;

/** The bad-input battery on the embedded database. */
class BadInputH2Test extends BadInputContract {}
