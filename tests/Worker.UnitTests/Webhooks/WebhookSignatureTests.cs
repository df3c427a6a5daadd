using System.Text;
using Decisioning.Webhooks;

namespace Worker.UnitTests.Webhooks;

public class WebhookSignatureTests
{
    // The Standard Webhooks specification's example (its reference libraries test against it).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    // The expected signatures were computed apart from this code, with Python's standard library:
    //   python3 -c 'import hmac,hashlib,base64; key=base64.b64decode(SECRET[len("whsec_"):]);
    //     print("v1,"+base64.b64encode(hmac.new(key, (ID+"."+TIMESTAMP+".").encode()+BODY.encode("utf-8"), hashlib.sha256).digest()).decode())'
    // The first row gives the specification's published signature; the second has a 32-byte key (bytes 0 to 31)
    // and a body that is not ASCII, so that the body is signed as its UTF-8 bytes.
    [Theory]
    [InlineData(SpecSecret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, """{"test": 2432232314}""",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "msg_2ZkKnLq8", 1767225600L, """{"decision":"approved","amount":"12 500 €"}""",
        "v1,gJICG8+z+USytr/2lHUmFzjgiQVc9Usx/dxDh2bj0is=")]
    public void Signs_as_an_independent_implementation_of_the_specification_does(string secret, string webhookId, long timestamp, string body, string expected)
    {
        var signature = WebhookSignature.Sign(WebhookSignature.DecodeSecret(secret), webhookId, timestamp, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void While_a_secret_rotates_the_header_carries_one_signature_per_key_in_order()
    {
        var oldKey = WebhookSignature.DecodeSecret(SpecSecret);
        var newKey = WebhookSignature.DecodeSecret(WebhookSignature.NewSecret());
        var body = """{"decisionId":"d-1"}"""u8;

        var header = WebhookSignature.Header([oldKey, newKey], "msg_1", 1767225600, body);

        var entries = header.Split(' ');
        Assert.Equal(2, entries.Length);
        Assert.All(entries, entry => Assert.StartsWith("v1,", entry));
        Assert.Equal(WebhookSignature.Sign(oldKey, "msg_1", 1767225600, body), entries[0]);
        Assert.Equal(WebhookSignature.Sign(newKey, "msg_1", 1767225600, body), entries[1]);
    }

    [Fact]
    public void A_header_without_keys_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Header([], "msg_1", 1767225600, "{}"u8));
    }

    [Fact]
    public void A_one_byte_change_of_the_body_changes_the_signature()
    {
        var key = WebhookSignature.DecodeSecret(SpecSecret);
        var body = Encoding.UTF8.GetBytes("""{"amount":12500}""");
        var altered = body.ToArray();
        altered[^2] ^= 1;

        Assert.NotEqual(WebhookSignature.Sign(key, "msg_1", 1767225600, body), WebhookSignature.Sign(key, "msg_1", 1767225600, altered));
    }

    [Fact]
    public void The_id_and_timestamp_are_signed_too()
    {
        var key = WebhookSignature.DecodeSecret(SpecSecret);
        var body = "{}"u8;
        var signature = WebhookSignature.Sign(key, "msg_1", 1767225600, body);

        Assert.NotEqual(signature, WebhookSignature.Sign(key, "msg_2", 1767225600, body));
        Assert.NotEqual(signature, WebhookSignature.Sign(key, "msg_1", 1767225601, body));
    }

    [Fact]
    public void A_new_secret_decodes_to_32_bytes_and_is_never_the_same_twice()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith(WebhookSignature.SecretPrefix, secret);
        Assert.Equal(32, WebhookSignature.DecodeSecret(secret).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_")]
    [InlineData("whsec_c2hvcnQ=")]
    [InlineData("")]
    public void A_secret_without_the_prefix_or_a_usable_key_is_rejected(string secret)
    {
        Assert.Throws<FormatException>(() => WebhookSignature.DecodeSecret(secret));
    }
}
