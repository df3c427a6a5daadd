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
        Assert.Equal(expected, WebhookSignature.Header([secret], webhookId, timestamp, body));
    }

    [Fact]
    public void While_a_secret_rotates_the_header_carries_one_signature_per_secret_in_order()
    {
        var newSecret = WebhookSignature.NewSecret();
        const string body = """{"decisionId":"d-1"}""";

        var header = WebhookSignature.Header([newSecret, SpecSecret], "msg_1", 1767225600, body);

        Assert.Equal(
            [WebhookSignature.Header([newSecret], "msg_1", 1767225600, body), WebhookSignature.Header([SpecSecret], "msg_1", 1767225600, body)],
            header.Split(' '));
    }

    [Fact]
    public void A_header_without_secrets_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Header([], "msg_1", 1767225600, "{}"));
    }

    [Fact]
    public void A_new_secret_holds_32_random_bytes_and_is_never_the_same_twice()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith(WebhookSignature.SecretPrefix, secret);
        Assert.Equal(32, Convert.FromBase64String(secret[WebhookSignature.SecretPrefix.Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }
}
