using System.Text.RegularExpressions;
using Decisioning.IntegrationTests.Infrastructure;
using k8s.Models;

namespace Decisioning.IntegrationTests.Deployment;

// Every overlay of deploy/k8s builds, every object matches the Kubernetes API's schema, and the rules that keep the
// platform safe to run hold: probes, sizes, non-root pods, disruption budgets, pinned images, and settings that
// match what the services read and serve. Offline: kubectl's kustomize and the KubernetesClient package's models.
public partial class KubernetesManifestsTests
{
    public static TheoryData<string> Overlays => [.. KubernetesOverlay.Names];

    [Fact]
    public void There_is_a_local_and_a_production_overlay() =>
        Assert.Equal(["local", "production"], KubernetesOverlay.Names);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_object_matches_its_schema_and_the_platform_is_complete(string name)
    {
        var overlay = await BuildAsync(name);

        // Ours: the Deployments of our images (production adds Redis for the shared rate limits).
        var deployments = overlay.OfType<V1Deployment>().Where(d => IsOurs(d.Spec.Template.Spec)).Select(d => d.Metadata.Name).Order();
        Assert.Equal(["credit-scoring", "gateway", "pricing", "worker"], deployments);
        var migrate = Assert.Single(overlay.OfType<V1Job>());
        Assert.EndsWith("/migrator", ImageName(migrate.Spec.Template.Spec.Containers[0].Image), StringComparison.Ordinal);
        Assert.Contains(overlay.OfType<V1NetworkPolicy>(), p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.Ingress is null);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_has_probes_requests_limits_and_runs_unprivileged(string name)
    {
        var overlay = await BuildAsync(name);
        var failures = new List<string>();
        foreach (var (id, pod, isService) in Pods(overlay))
        {
            foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                var where = $"{id}, container {container.Name}";
                if (isService && (container.ReadinessProbe is null || container.LivenessProbe is null))
                {
                    failures.Add($"{where}: needs a readiness and a liveness probe");
                }

                foreach (var resource in new[] { "cpu", "memory" })
                {
                    if (container.Resources?.Requests?.ContainsKey(resource) != true || container.Resources?.Limits?.ContainsKey(resource) != true)
                    {
                        failures.Add($"{where}: needs a {resource} request and limit");
                    }
                }

                var security = container.SecurityContext;
                if ((security?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) != true || (security?.RunAsUser ?? pod.SecurityContext?.RunAsUser) is null or 0)
                {
                    failures.Add($"{where}: must run as a non-root numeric user (runAsNonRoot and runAsUser)");
                }

                if (security?.ReadOnlyRootFilesystem != true || security.AllowPrivilegeEscalation != false || security.Capabilities?.Drop?.Contains("ALL") != true)
                {
                    failures.Add($"{where}: needs a read-only root filesystem, no privilege escalation and every capability dropped");
                }

                if ((security?.SeccompProfile ?? pod.SecurityContext?.SeccompProfile)?.Type != "RuntimeDefault")
                {
                    failures.Add($"{where}: needs the RuntimeDefault seccomp profile");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_deployment_that_can_run_more_than_one_pod_has_a_disruption_budget(string name)
    {
        var overlay = await BuildAsync(name);
        var budgets = overlay.OfType<V1PodDisruptionBudget>().ToList();
        var autoscalers = overlay.OfType<V2HorizontalPodAutoscaler>().ToList();
        foreach (var deployment in overlay.OfType<V1Deployment>())
        {
            var maxPods = Math.Max(deployment.Spec.Replicas ?? 1, autoscalers.Where(a => a.Spec.ScaleTargetRef.Name == deployment.Metadata.Name).Select(a => a.Spec.MaxReplicas).DefaultIfEmpty(1).Max());
            if (maxPods > 1)
            {
                var labels = deployment.Spec.Template.Metadata.Labels;
                Assert.True(budgets.Any(b => b.Spec.Selector.MatchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)),
                    $"Deployment {deployment.Metadata.Name} ({name}) can run {maxPods} pods and no PodDisruptionBudget selects its pods.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_image_is_pinned_by_a_tag(string name)
    {
        var overlay = await BuildAsync(name);
        var images = Pods(overlay).SelectMany(p => (p.Pod.InitContainers ?? []).Concat(p.Pod.Containers).Select(c => (p.Id, Image: c.Image)))
            .Concat(overlay.Custom("postgresql.cnpg.io/v1", "Cluster").Select(c => (c.Id, Image: c.Require("spec.imageName"))))
            .Concat(overlay.Custom("rabbitmq.com/v1beta1", "RabbitmqCluster").Select(c => (c.Id, Image: c.Require("spec.image"))));
        foreach (var (id, image) in images)
        {
            var tag = image.Contains('@', StringComparison.Ordinal) ? null : image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
            Assert.True(tag is { Length: > 0 } and not "latest", $"{id}: image {image} is not pinned by a tag (and never latest).");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_and_ports_are_the_ones_the_services_serve(string name)
    {
        var overlay = await BuildAsync(name);
        var config = overlay.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name, c => c.Data ?? new Dictionary<string, string>());
        foreach (var (id, pod, isService) in Pods(overlay).Where(p => p.IsService))
        {
            var container = Assert.Single(pod.Containers);
            var ports = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
            var settings = container.EnvFrom.SelectMany(e => config.TryGetValue(e.ConfigMapRef.Name, out var data) ? data : throw new Xunit.Sdk.XunitException($"{id}: no ConfigMap {e.ConfigMapRef.Name}"))
                .ToDictionary(s => s.Key, s => s.Value);

            // Kestrel listens on every port the pod declares, and on no other.
            var listening = settings.Where(s => KestrelUrl().IsMatch(s.Key)).Select(s => new Uri(s.Value).Port).Order();
            Assert.True(listening.SequenceEqual(ports.Values.Order()), $"{id}: Kestrel listens on {string.Join(", ", listening)}, the pod declares {string.Join(", ", ports.Values)}.");

            var admin = ports.ContainsKey("admin") ? "admin" : "http";
            Assert.True(container.LivenessProbe.HttpGet is { Path: "/alive" } live && live.Port.Value == admin, $"{id}: liveness must be GET /alive on port {admin}.");
            if (ports.ContainsKey("grpc"))
            {
                Assert.True(container.ReadinessProbe.Grpc?.Port == ports["grpc"], $"{id}: readiness must be the gRPC health service on the grpc port.");
            }
            else
            {
                Assert.True(container.ReadinessProbe.HttpGet is { Path: "/health" } ready && ready.Port.Value == admin, $"{id}: readiness must be GET /health on port {admin}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_model_services_are_headless_and_reached_through_dns_by_the_gateway(string name)
    {
        var overlay = await BuildAsync(name);
        foreach (var service in new[] { "credit-scoring", "pricing" })
        {
            var headless = overlay.OfType<V1Service>().Single(s => s.Metadata.Name == service);
            Assert.True(headless.Spec.ClusterIP == "None", $"Service {service} ({name}) must be headless.");
        }

        var gateway = overlay.OfType<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("gateway-config-", StringComparison.Ordinal)).Data;
        Assert.Equal("dns:///credit-scoring:5101", gateway["Models__CreditScoringAddress"]);
        Assert.Equal("dns:///pricing:5102", gateway["Models__PricingAddress"]);
    }

    private static Task<KubernetesOverlay> BuildAsync(string name) => KubernetesOverlay.BuildAsync(name);

    private static IEnumerable<(string Id, V1PodSpec Pod, bool IsService)> Pods(KubernetesOverlay overlay) =>
        overlay.OfType<V1Deployment>().Select(d => ($"Deployment {d.Metadata.Name} ({overlay.Name})", d.Spec.Template.Spec, IsOurs(d.Spec.Template.Spec)))
            .Concat(overlay.OfType<V1Job>().Select(j => ($"Job {j.Metadata.Name} ({overlay.Name})", j.Spec.Template.Spec, false)));

    private static string ImageName(string image) => image.Split('@')[0].Split(':')[0];

    private static bool IsOurs(V1PodSpec pod) => pod.Containers.All(c => ImageName(c.Image).Contains("decisioning/", StringComparison.Ordinal));

    [GeneratedRegex(@"^Kestrel__Endpoints__\w+__Url$")]
    private static partial Regex KestrelUrl();
}
