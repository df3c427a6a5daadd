using System.ComponentModel.DataAnnotations;

namespace Gateway.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    [Range(1, 1000)]
    public int MaxEndpointsPerTenant { get; set; } = 20;

    // Hosts that may be reached over plain http and at private or loopback addresses (./run.sh allows loopback).
    public string[] AllowedHosts { get; set; } = [];

    // How long a rotated secret keeps signing next to its successor.
    [Range(0, 720)]
    public int PreviousSecretValidHours { get; set; } = 24;
}
