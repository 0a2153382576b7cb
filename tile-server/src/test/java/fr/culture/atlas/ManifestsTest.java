package fr.culture.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.http.Server;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Every manifest of {@code k8s/} is read strictly, so that a misspelt field fails the build
 * instead of being silently dropped by {@code kubectl apply}.
 *
 * <p>What is checked, honestly: Kubernetes kinds are deserialised into the fabric8 Kubernetes
 * model (generated from the Kubernetes OpenAPI schema) with unknown properties failing, and every
 * object of the result is walked to prove no field landed in fabric8's catch-all
 * {@code additionalProperties} (where fabric8 would otherwise keep a typo); wrong types (text for
 * a number, a list for an object) fail in Jackson. Values are not checked against the API's
 * validation rules (ranges, formats, required fields) — only names and shapes. The CloudNativePG
 * {@code Cluster} is not in fabric8's model and no schema of it is published on Maven Central
 * or npm: its fields are checked against {@link #CLUSTER_FIELDS}, a hand-written list of the
 * fields this project uses, copied from the CloudNativePG 1.2x API reference (names only).
 */
class ManifestsTest {

    private static final Path K8S = TestData.repo().resolve("k8s");
    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    /**
     * Fields of the CloudNativePG {@code postgresql.cnpg.io/v1 Cluster} that this project may use,
     * as paths ({@code []} = every item of a list; {@code *} = free keys, e.g. PostgreSQL
     * parameters). Written by hand from the CloudNativePG API reference; add a field here only
     * after checking its exact spelling there.
     */
    private static final Set<String> CLUSTER_FIELDS = Set.of(
            "apiVersion", "kind", "metadata", "metadata.name", "metadata.namespace", "metadata.labels.*",
            "metadata.annotations.*",
            "spec", "spec.description", "spec.instances", "spec.imageName", "spec.imagePullPolicy",
            "spec.primaryUpdateStrategy", "spec.primaryUpdateMethod", "spec.enableSuperuserAccess",
            "spec.enablePDB", "spec.logLevel",
            "spec.postgresql", "spec.postgresql.parameters", "spec.postgresql.parameters.*",
            "spec.postgresql.pg_hba", "spec.postgresql.pg_hba[]", "spec.postgresql.shared_preload_libraries",
            "spec.postgresql.shared_preload_libraries[]",
            "spec.bootstrap", "spec.bootstrap.initdb", "spec.bootstrap.initdb.database",
            "spec.bootstrap.initdb.owner", "spec.bootstrap.initdb.secret", "spec.bootstrap.initdb.secret.name",
            "spec.bootstrap.initdb.encoding", "spec.bootstrap.initdb.localeCollate", "spec.bootstrap.initdb.localeCType",
            "spec.bootstrap.initdb.dataChecksums",
            "spec.bootstrap.initdb.postInitSQL", "spec.bootstrap.initdb.postInitSQL[]",
            "spec.bootstrap.initdb.postInitApplicationSQL", "spec.bootstrap.initdb.postInitApplicationSQL[]",
            "spec.bootstrap.initdb.postInitTemplateSQL", "spec.bootstrap.initdb.postInitTemplateSQL[]",
            "spec.managed", "spec.managed.roles", "spec.managed.roles[]", "spec.managed.roles[].name",
            "spec.managed.roles[].ensure", "spec.managed.roles[].comment", "spec.managed.roles[].login",
            "spec.managed.roles[].superuser", "spec.managed.roles[].createdb", "spec.managed.roles[].createrole",
            "spec.managed.roles[].replication", "spec.managed.roles[].bypassrls", "spec.managed.roles[].inherit",
            "spec.managed.roles[].connectionLimit", "spec.managed.roles[].validUntil",
            "spec.managed.roles[].disablePassword", "spec.managed.roles[].inRoles", "spec.managed.roles[].inRoles[]",
            "spec.managed.roles[].passwordSecret", "spec.managed.roles[].passwordSecret.name",
            "spec.storage", "spec.storage.size", "spec.storage.storageClass", "spec.storage.resizeInUseVolumes",
            "spec.walStorage", "spec.walStorage.size", "spec.walStorage.storageClass",
            "spec.resources", "spec.resources.requests", "spec.resources.requests.cpu",
            "spec.resources.requests.memory", "spec.resources.limits", "spec.resources.limits.cpu",
            "spec.resources.limits.memory",
            "spec.monitoring", "spec.monitoring.enablePodMonitor");

    /** The roles of the two workloads' database Secrets: servers read, the importer writes. */
    private static final String READER_SECRET = "atlas-db-reader";
    private static final String IMPORTER_SECRET = "atlas-db-importer";

    // --- every file, every document ---------------------------------------------------------

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        assertEquals("kustomize.config.k8s.io/v1beta1", kustomization.path("apiVersion").asText());
        assertEquals("Kustomization", kustomization.path("kind").asText());
        Set<String> known = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images");
        kustomization.fieldNames().forEachRemaining(f -> assertTrue(known.contains(f),
                "kustomization.yaml: unknown field '" + f + "'; known here: " + new TreeSet<>(known)));
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = manifests(K8S).stream().map(p -> K8S.relativize(p).toString())
                .filter(f -> !f.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, listed, "kustomization.yaml resources must be exactly the manifests of k8s/ "
                + "(examples/ holds what must not be applied)");
    }

    @Test
    void everyManifestReadsStrictly() throws IOException {
        List<Path> files = new ArrayList<>(manifests(K8S));
        files.addAll(manifests(K8S.resolve("examples")));
        int documents = 0;
        for (Path file : files) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                documents += read(file, Files.readString(file)).size();
            }
        }
        assertTrue(documents >= 13, "read " + documents + " documents");
    }

    @Test
    void aMisspeltFieldFails() throws IOException {
        Path deployment = K8S.resolve("deployment.yaml");
        String text = Files.readString(deployment);
        assertTrue(text.contains("readinessProbe:"));
        // a field fabric8 would have kept in additionalProperties
        AssertionError typo = assertThrows(AssertionError.class,
                () -> read(deployment, text.replace("readinessProbe:", "readinesProbe:")));
        assertTrue(typo.getMessage().contains("readinesProbe"), typo.getMessage());
        // a field of the wrong type
        assertThrows(IOException.class, () -> read(deployment, text.replace("replicas: 2", "replicas: two")));
        // a field of the CloudNativePG Cluster
        Path cluster = K8S.resolve("postgis-cluster.yaml");
        String clusterText = Files.readString(cluster);
        assertTrue(clusterText.contains("passwordSecret:"));
        AssertionError clusterTypo = assertThrows(AssertionError.class,
                () -> read(cluster, clusterText.replace("passwordSecret:", "passwordSecrets:")));
        assertTrue(clusterTypo.getMessage().contains("spec.managed.roles[].passwordSecrets"), clusterTypo.getMessage());
        // an unknown kind is not waved through
        assertThrows(AssertionError.class, () -> read(deployment, text.replace("kind: Deployment", "kind: Deploymnet")));
    }

    // --- what the manifests promise ---------------------------------------------------------

    @Test
    void serversAndImporterRunAsTheImageUserWithAReadOnlyRoot() throws Exception {
        Element jib = jibConfiguration();
        String user = text(jib, "user");
        long uid = Long.parseLong(user.split(":")[0]);
        assertTrue(uid >= 1000, "the image runs as uid " + uid + ", not a system user");
        Set<String> imageVolumes = texts(jib, "volume");
        assertEquals(Set.of("/tmp", "/var/lib/atlas"), imageVolumes);

        Deployment deployment = only(Deployment.class, "deployment.yaml");
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        List<PodSpec> pods = List.of(deployment.getSpec().getTemplate().getSpec(),
                only(Job.class, "import-job.yaml").getSpec().getTemplate().getSpec(),
                only(CronJob.class, "import-cronjob.yaml").getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        for (PodSpec pod : pods) {
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals(uid, pod.getSecurityContext().getRunAsUser());
            for (Container c : pod.getContainers()) {
                assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
                assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
                assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), c.getName());
                assertTrue(c.getImage().startsWith("atlas-culture-tiles:"), c.getImage());
                // every writable path of the image is a volume, and the only writable mounts are those
                Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
                Set<String> writable = c.getVolumeMounts().stream()
                        .filter(m -> !Boolean.TRUE.equals(m.getReadOnly())).map(VolumeMount::getMountPath)
                        .collect(Collectors.toSet());
                assertEquals(imageVolumes, writable, c.getName());
                c.getVolumeMounts().stream().filter(m -> imageVolumes.contains(m.getMountPath()))
                        .forEach(m -> assertTrue(volumes.get(m.getName()).getEmptyDir() != null, m.getMountPath()));
            }
        }
    }

    @Test
    void serversReadWithTheReaderRoleAndOnlyTheImporterWrites() throws IOException {
        Container server = only(Deployment.class, "deployment.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(Set.of(READER_SECRET), secretsOf(server));
        Container job = only(Job.class, "import-job.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        Container cron = only(CronJob.class, "import-cronjob.yaml").getSpec().getJobTemplate().getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        assertEquals(Set.of(IMPORTER_SECRET), secretsOf(job));
        assertEquals(Set.of(IMPORTER_SECRET), secretsOf(cron));
        assertEquals(List.of("import"), job.getArgs());
        assertEquals(job, cron, "the Job and the CronJob run the same import");

        JsonNode cluster = YAML.readTree(K8S.resolve("postgis-cluster.yaml").toFile());
        assertTrue(cluster.at("/spec/imageName").asText().startsWith("ghcr.io/cloudnative-pg/postgis:"));
        assertEquals(IMPORTER_SECRET, cluster.at("/spec/bootstrap/initdb/secret/name").asText());
        JsonNode reader = cluster.at("/spec/managed/roles/0");
        ConfigMap settings = only(ConfigMap.class, "configmap.yaml");
        assertEquals(settings.getData().get("ATLAS_DB_READER"), reader.path("name").asText());
        assertEquals(READER_SECRET, reader.at("/passwordSecret/name").asText());
        for (String power : List.of("superuser", "createdb", "createrole", "replication")) {
            assertFalse(reader.path(power).asBoolean(true), power);
        }
        // no password in the applied manifests: Secrets live outside (examples/ shows their shape)
        for (Path file : manifests(K8S)) {
            assertFalse(Files.readString(file).contains("kind: Secret"), file + " holds a Secret");
        }
        settings.getData().keySet().forEach(k -> assertFalse(k.contains("PASSWORD") || k.contains("USER"), k));
    }

    @Test
    void theServersPoolsAndTheImportsFitTheDatabasesConnections() throws IOException {
        JsonNode hpa = YAML.readTree(K8S.resolve("hpa.yaml").toFile());
        int replicas = hpa.at("/spec/maxReplicas").asInt();
        // a rolling update adds maxSurge pods above the autoscaler's maximum while it lasts
        int surge = YAML.readTree(K8S.resolve("deployment.yaml").toFile()).at("/spec/strategy/rollingUpdate/maxSurge").asInt();
        int pool = Integer.parseInt(only(ConfigMap.class, "configmap.yaml").getData().get("ATLAS_DB_POOL"));
        int max = YAML.readTree(K8S.resolve("postgis-cluster.yaml").toFile())
                .at("/spec/postgresql/parameters/max_connections").asInt();
        // PostgreSQL keeps 3 for superusers; the operator's replication and monitoring take a few more
        int reserved = 3 + 7;
        int needed = (replicas + surge) * pool + fr.culture.atlas.store.postgis.PostgisPublisher.POOL + reserved;
        assertTrue(replicas > 1 && pool > 0 && max > 0, "read hpa.yaml, configmap.yaml and postgis-cluster.yaml");
        assertTrue(needed <= max, "(" + replicas + " + " + surge + ") pods × " + pool + " connections + an import's "
                + fr.culture.atlas.store.postgis.PostgisPublisher.POOL + " + " + reserved + " reserved = " + needed
                + " > max_connections " + max);
    }

    @Test
    void theSettingsFitACdnInFront() throws IOException {
        Map<String, String> data = only(ConfigMap.class, "configmap.yaml").getData();
        // without a public URL, documents name the request's host and are private: no CDN keeps them
        assertTrue(data.getOrDefault("ATLAS_PUBLIC_URL", "").startsWith("https://"),
                "ATLAS_PUBLIC_URL is required behind a CDN, an https URL: " + data.get("ATLAS_PUBLIC_URL"));
        int grace = Integer.parseInt(data.get("ATLAS_VERSIONS_GRACE"));
        int keep = Integer.parseInt(data.get("ATLAS_VERSIONS_KEEP"));
        int unversioned = Integer.parseInt(data.get("ATLAS_TILES_MAXAGE"));
        // a TileJSON can be a minute old in the CDN and another in the browser before the map loads it
        assertTrue(grace >= 300, "ATLAS_VERSIONS_GRACE " + grace + " s: a map opened just before a publish needs its "
                + "version for longer than its TileJSON can be cached (2 × 60 s) and a few minutes of browsing");
        assertTrue(keep >= 2, "the previous version's schema must outlive the grace period: ATLAS_VERSIONS_KEEP " + keep);
        assertTrue(unversioned <= 300, "tile URLs without ?v= may mix versions for ATLAS_TILES_MAXAGE (" + unversioned
                + " s) after a publish: keep it short");
        // the ingress passes the server's cache headers through: no snippet of its own may set them,
        // nor compress again (a re-compressed body would get a weak ETag)
        Map<String, String> annotations = only(Ingress.class, "ingress.yaml").getMetadata().getAnnotations();
        annotations.forEach((key, value) -> {
            String v = value.toLowerCase(java.util.Locale.ROOT);
            assertFalse(v.contains("cache-control") || v.contains("expires") || v.contains("etag") || v.contains("gzip"),
                    "ingress annotation " + key + " touches the cache headers or the coding: " + value);
        });
        // two publishes within one grace period with only two versions kept would drop the one still served
        String schedule = only(CronJob.class, "import-cronjob.yaml").getSpec().getSchedule();
        assertTrue(schedule.matches("\\d+ \\d+ .*"), "the import runs at most once a day: " + schedule);
    }

    @Test
    void configMapSetsOnlySettingsTheServerReads() throws IOException {
        Set<String> keys = new HashSet<>();
        flatten("", YAML.readTree(TestData.configDir().resolve("application.yaml").toFile()), keys);
        ConfigMap settings = only(ConfigMap.class, "configmap.yaml");
        for (String variable : settings.getData().keySet()) {
            // ATLAS_TILES_CACHE_BYTES -> atlas.tiles.cache.bytes, the rule of Settings.load
            String key = variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            assertTrue(keys.contains(key), variable + " is not a setting of config/application.yaml (" + key + ")");
        }
    }

    @Test
    void probesAndScrapeAnswerOnTheServer(@TempDir Path dir) throws Exception {
        Container server = only(Deployment.class, "deployment.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        String ready = server.getReadinessProbe().getHttpGet().getPath();
        String live = server.getLivenessProbe().getHttpGet().getPath();
        String startup = server.getStartupProbe().getHttpGet().getPath();
        assertNotEquals(ready, live, "readiness and liveness must not be the same check");
        String metrics = only(Deployment.class, "deployment.yaml").getSpec().getTemplate().getMetadata()
                .getAnnotations().get("prometheus.io/path");

        Path home = dir.resolve("home");
        Catalogue catalogue = TestData.tinyCatalogue(dir);
        EmbeddedStore store = new EmbeddedStore(home, 100);
        WebServer web = Server.start(TestData.settings(home, Settings.StoreKind.EMBEDDED, null), store);
        try {
            // before any data version: alive, not ready (a 503 from the health check, not a 404)
            assertEquals(200, status(web, live));
            assertEquals(200, status(web, startup));
            assertEquals(503, status(web, ready));
            try (EmbeddedPublisher publisher = new EmbeddedPublisher(home, 2)) {
                new Importer(catalogue, IndicatorCatalogue.load(dir.resolve("none.yaml"), false, catalogue),
                        new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { }).run(publisher);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (status(web, ready) != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(200, status(web, ready));
            assertEquals(200, status(web, metrics));
            assertEquals(404, status(web, ready + "-typo"));
        } finally {
            web.stop();
            store.close();
        }
    }

    // --- reading ---------------------------------------------------------------------------

    /** Reads every YAML document of a file strictly; fails naming the file, document and field. */
    private static List<Object> read(Path file, String text) throws IOException {
        List<Object> objects = new ArrayList<>();
        int index = 0;
        try (var parser = YAML.getFactory().createParser(text)) {
            Iterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                String where = file.getFileName() + " document " + index++;
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                if (type.equals("postgresql.cnpg.io/v1/Cluster")) {
                    checkFields(where, "", document, CLUSTER_FIELDS);
                    objects.add(document);
                    continue;
                }
                Class<?> kind = KINDS.get(type);
                if (kind == null) {
                    throw new AssertionError(where + ": kind " + type + " is not checked; checked: "
                            + new TreeSet<>(KINDS.keySet()) + " and postgresql.cnpg.io/v1/Cluster");
                }
                Object object = YAML.treeToValue(document, kind);
                List<String> unknown = new ArrayList<>();
                additionalProperties(object, "", unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new AssertionError(where + " (" + type + "): unknown fields " + unknown);
                }
                objects.add(object);
            }
        }
        return objects;
    }

    /** Collects the paths of every field fabric8 kept aside as unknown. */
    private static void additionalProperties(Object object, String path, List<String> unknown, Map<Object, Object> seen) {
        if (object == null || seen.put(object, object) != null) {
            return;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                additionalProperties(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((k, v) -> additionalProperties(v, path + "." + k, unknown, seen));
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                additionalProperties(value, path + "." + field, unknown, seen);
            }
        }
    }

    private static void checkFields(String where, String path, JsonNode node, Set<String> known) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String free = path + ".*";
                if (known.contains(free)) {
                    return;
                }
                if (!known.contains(child)) {
                    throw new AssertionError(where + ": unknown CloudNativePG Cluster field " + child);
                }
                checkFields(where, child, e.getValue(), known);
            });
        } else if (node.isArray()) {
            node.forEach(item -> checkFields(where, path + "[]", item, known));
        }
    }

    private static <T> T only(Class<T> kind, String file) throws IOException {
        Path path = K8S.resolve(file);
        List<Object> objects = read(path, Files.readString(path));
        assertEquals(1, objects.size(), file);
        return kind.cast(objects.get(0));
    }

    private static List<Path> manifests(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Set<String> secretsOf(Container container) {
        return container.getEnv().stream().map(EnvVar::getValueFrom).filter(v -> v != null && v.getSecretKeyRef() != null)
                .map(v -> v.getSecretKeyRef().getName()).collect(Collectors.toSet());
    }

    private static void flatten(String prefix, JsonNode node, Set<String> keys) {
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), keys);
            } else {
                keys.add(key);
            }
        });
    }

    /** The Jib configuration of tile-server/pom.xml: what the image is (user, volumes). */
    private static Element jibConfiguration() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(TestData.repo().resolve("tile-server/pom.xml").toFile());
        var plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("jib-maven-plugin")) {
                return (Element) plugin.getElementsByTagName("container").item(0);
            }
        }
        throw new AssertionError("tile-server/pom.xml has no jib-maven-plugin");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    private static Set<String> texts(Element parent, String tag) {
        Set<String> values = new HashSet<>();
        var nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    // --- a server to probe --------------------------------------------------------------------


    private static int status(WebServer web, String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
