using FluentValidation;

namespace Gateway.Problems;

// Runs the FluentValidation validator of the endpoint's T argument; a failure is a 400 with errors by field.
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Missing request body", detail: "The request needs a JSON body.");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToDictionary(), title: "The request is not valid");
        }

        return await next(context);
    }
}
