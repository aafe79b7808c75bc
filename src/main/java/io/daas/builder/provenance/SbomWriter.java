package io.daas.builder.provenance;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;

/**
 * A CycloneDX 1.6 JSON SBOM of one image, written with the CycloneDX Java library: the image as the
 * subject, then the application's dependencies from its lockfiles and the image's OS packages.
 * Components are sorted and the serial number is derived from the image id, so the same image gives
 * the same document.
 */
final class SbomWriter {

    static final Version VERSION = Version.VERSION_16;

    private SbomWriter() {}

    static String write(
            String imageName,
            String imageId,
            Instant timestamp,
            String osDistro,
            List<Lockfiles.Dependency> dependencies,
            List<OsPackages.OsPackage> osPackages) {
        Map<String, Component> byPurl = new LinkedHashMap<>();
        for (Lockfiles.Dependency d : dependencies) {
            String purl = purl(d.type(), null, d.name(), d.version(), null);
            byPurl.putIfAbsent(purl, component(purl, d.name(), d.version(), "daas:source", d.source()));
        }
        for (OsPackages.OsPackage p : osPackages) {
            String purl = purl(p.type(), osDistro, p.name(), p.version(), p.architecture());
            byPurl.putIfAbsent(
                    purl,
                    component(
                            purl, p.name(), p.version(), "daas:source", p.type().equals("deb") ? "dpkg" : "apk"));
        }
        List<Component> components = new ArrayList<>(byPurl.values());
        components.sort(java.util.Comparator.comparing(Component::getPurl));

        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setName(imageName);
        image.setVersion(imageId);
        image.setBomRef(imageId);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(timestamp));
        metadata.setComponent(image);

        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(imageId.getBytes(StandardCharsets.UTF_8)));
        bom.setVersion(1);
        bom.setMetadata(metadata);
        bom.setComponents(components);
        try {
            return BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("could not write the SBOM: " + e.getMessage(), e);
        }
    }

    private static Component component(String purl, String name, String version, String property, String value) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        int slash = name.lastIndexOf('/');
        if (name.startsWith("@") && slash > 0) {
            c.setGroup(name.substring(0, slash));
            c.setName(name.substring(slash + 1));
        } else {
            c.setName(name);
        }
        c.setVersion(version);
        c.setPurl(purl);
        c.setBomRef(purl);
        c.setProperties(List.of(new Property(property, value)));
        return c;
    }

    static String purl(String type, String namespace, String name, String version, String arch) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withVersion(version);
            String n = name;
            String ns = namespace;
            int slash = name.lastIndexOf('/');
            if (slash > 0 && (type.equals("npm") || type.equals("golang"))) {
                ns = name.substring(0, slash);
                n = name.substring(slash + 1);
            }
            if (ns != null) {
                b.withNamespace(ns);
            }
            b.withName(n);
            if (arch != null) {
                b.withQualifier("arch", arch);
            }
            PackageURL purl = b.build();
            return purl.canonicalize();
        } catch (MalformedPackageURLException e) {
            return "pkg:generic/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "@"
                    + java.net.URLEncoder.encode(version, StandardCharsets.UTF_8);
        }
    }
}
