namespace Kessan.Kpi;

/// <summary>The access services of the contract register.</summary>
public enum Service
{
    /// <summary>Dedicated IP service; counted in Table 3's "IP Services" bandwidth tiers.</summary>
    DedicatedIp,

    /// <summary>Data-center connectivity.</summary>
    DcConnectivity,

    /// <summary>Other dedicated access (fiber, DSL and other dedicated lines).</summary>
    OtherDedicated,

    /// <summary>IJ4U, dial-up access for the retail market.</summary>
    Ij4uDialup,

    /// <summary>Other dial-up access (OEM and corporate dial-up).</summary>
    OtherDialup,
}

/// <summary>How services are written in the register and named to a reader.</summary>
public static class Services
{
    public static IReadOnlyList<Service> All { get; } = Enum.GetValues<Service>();

    /// <summary>The code written in the register's service column.</summary>
    public static string Code(this Service service) => service switch
    {
        Service.DedicatedIp => "dedicated_ip",
        Service.DcConnectivity => "dc_connectivity",
        Service.OtherDedicated => "other_dedicated",
        Service.Ij4uDialup => "ij4u_dialup",
        _ => "other_dialup",
    };

    /// <summary>The name a finance person knows.</summary>
    public static string Label(this Service service) => service switch
    {
        Service.DedicatedIp => "dedicated IP",
        Service.DcConnectivity => "data-center connectivity",
        Service.OtherDedicated => "other dedicated",
        Service.Ij4uDialup => "IJ4U dial-up",
        _ => "other dial-up",
    };

    /// <summary>Dedicated services have a contract bandwidth; dial-up accounts do not.</summary>
    public static bool IsDedicated(this Service service) => service is Service.DedicatedIp or Service.DcConnectivity or Service.OtherDedicated;

    /// <summary>
    /// Reads a service code or label, ignoring case, spaces, hyphens and underscores:
    /// <c>dedicated_ip</c>, <c>Dedicated IP</c>, <c>data-center connectivity</c>, <c>IJ4U dial-up</c>.
    /// </summary>
    public static bool TryParse(string? text, out Service service)
    {
        service = default;
        if (text is null)
        {
            return false;
        }

        var key = Normalize(text);
        foreach (var s in All)
        {
            if (key == Normalize(s.Code()) || key == Normalize(s.Label()))
            {
                service = s;
                return true;
            }
        }

        if (key is "dcconnectivity" or "datacenter" or "datacentre" or "datacentreconnectivity")
        {
            service = Service.DcConnectivity;
            return true;
        }

        return false;
    }

    private static string Normalize(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && n < buffer.Length)
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
