package io.daas.builder.detect.jvm;

import io.daas.builder.detect.VersionChoice;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The facts detection needs from a pom.xml, read with the JDK's DOM parser (no entities). */
record MavenPom(Document document) {

    static Optional<MavenPom> parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            Document document =
                    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new MavenPom(document));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The Java release the pom compiles for, with the element it came from. */
    Optional<VersionChoice> javaVersion() {
        for (String property :
                new String[] {"maven.compiler.release", "java.version", "maven.compiler.target", "maven.compiler.source"
                }) {
            Optional<String> value = property(property);
            if (value.isPresent()) {
                return Optional.of(new VersionChoice(value.get(), "pom.xml " + property));
            }
        }
        NodeList releases = document.getElementsByTagName("release");
        for (int i = 0; i < releases.getLength(); i++) {
            String text = releases.item(i).getTextContent().strip();
            if (text.matches("\\d+")) {
                return Optional.of(new VersionChoice(text, "pom.xml maven-compiler-plugin release"));
            }
        }
        return Optional.empty();
    }

    Optional<String> property(String name) {
        Element properties = child(document.getDocumentElement(), "properties");
        Element property = properties == null ? null : child(properties, name);
        String value = property == null ? null : property.getTextContent().strip();
        return value == null || value.isEmpty() || value.contains("${") ? Optional.empty() : Optional.of(value);
    }

    boolean springBoot() {
        Element parent = child(document.getDocumentElement(), "parent");
        if (parent != null && text(parent, "artifactId").startsWith("spring-boot-starter-parent")) {
            return true;
        }
        return hasPlugin("spring-boot-maven-plugin");
    }

    boolean hasPlugin(String artifactId) {
        NodeList ids = document.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
            Node id = ids.item(i);
            if (id.getTextContent().strip().equals(artifactId)
                    && "plugin".equals(id.getParentNode().getNodeName())) {
                return true;
            }
        }
        return false;
    }

    /** A jar that runs with java -jar: Spring Boot, shade or assembly, or a manifest mainClass. */
    boolean executableJar() {
        return springBoot()
                || hasPlugin("maven-shade-plugin")
                || hasPlugin("maven-assembly-plugin")
                || document.getElementsByTagName("mainClass").getLength() > 0;
    }

    boolean multiModule() {
        return child(document.getDocumentElement(), "modules") != null;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().strip();
    }
}
