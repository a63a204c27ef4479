package org.candor.campaign.workbook;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams a part of a workbook through a SAX parser hardened for untrusted input: no DOCTYPE at all
 * (so no entities, internal or external, and no DTD is fetched), secure processing on, no XInclude,
 * elements nested no deeper than {@link #MAX_DEPTH}, and the read's deadline checked as the XML
 * streams past.
 */
final class SecureXml {

    /** Deeper than any spreadsheet part nests (a shared string with runs is five levels). */
    static final int MAX_DEPTH = 64;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private SecureXml() {}

    /** Raised by a handler to stop reading once it has what it needs. */
    static final class Done extends SAXException {
        Done() {
            super("done");
        }
    }

    /** A handler told of elements by local name, whatever their namespace. */
    abstract static class Handler extends DefaultHandler {
        private final Deadline deadline;
        private final String part;
        private int depth;

        Handler(Deadline deadline, String part) {
            this.deadline = deadline;
            this.part = part;
        }

        abstract void start(String name, Attributes attributes) throws SAXException;

        abstract void end(String name) throws SAXException;

        void text(char[] ch, int start, int length) {}

        @Override
        public final void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            deadline.check();
            if (++depth > MAX_DEPTH) {
                throw new ReadAborted(
                        null, "the part " + part + " nests its XML more than " + MAX_DEPTH + " levels deep; refused");
            }
            start(localName, attributes);
        }

        @Override
        public final void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            end(localName);
        }

        @Override
        public final void characters(char[] ch, int start, int length) {
            deadline.check();
            text(ch, start, length);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** Reads {@code in} to the end, or until the handler is done. */
    static void parse(InputStream in, Handler handler) throws IOException, SAXException {
        XMLReader reader = reader();
        reader.setContentHandler(handler);
        reader.setErrorHandler(handler);
        try {
            reader.parse(new InputSource(in));
        } catch (Done done) {
            // the handler has what it needs
        }
    }

    static XMLReader reader() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("refused to resolve the external entity " + systemId);
            });
            return reader;
        } catch (ParserConfigurationException e) {
            throw new SAXException("no secure XML parser is available", e);
        }
    }

    /** Whether the parser stopped at a DOCTYPE, which a workbook's XML never has. */
    static boolean isDoctype(SAXException e) {
        String m = e.getMessage();
        return m != null && m.contains("DOCTYPE");
    }
}
