/**
 * PostgreSQL notification channels shared by the instances of one database: announcing on a
 * channel inside a transaction ({@link org.candor.notify.Channel#announce}) and listening on a
 * connection of one's own ({@link org.candor.notify.Channel#listen}), from a thread that turns
 * until stopped ({@link org.candor.notify.ListeningLoop}). Rule changes and impact jobs are
 * announced this way; polling stays every user's fallback.
 */
package org.candor.notify;
