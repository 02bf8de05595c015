package io.imagecheck.writers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Checks JUnit XML against the shape CI systems read: {@code src/test/resources/junit/junit-report-shape.xsd}
 * (written for these tests after Jenkins' junit-4.xsd and Surefire's report schema, since no such XSD is
 * published in a Maven artifact), with the JDK's {@code javax.xml.validation}.
 */
public final class JUnitShapes {

  private JUnitShapes() {}

  /**
   * Validates a document and parses it.
   *
   * @param xml the document
   * @return the DOM
   * @throws IOException when it is not well-formed or does not have the shape (the message says why)
   */
  public static Document validate(byte[] xml) throws IOException {
    try {
      SchemaFactory sf = SchemaFactory.newDefaultInstance();
      sf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      sf.newSchema(JUnitShapes.class.getResource("/junit/junit-report-shape.xsd")).newValidator()
          .validate(new StreamSource(new ByteArrayInputStream(xml)));
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("invalid JUnit XML: " + e.getMessage(), e);
    }
  }
}
