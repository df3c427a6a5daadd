using System.Collections;
using System.Reflection;

namespace Decisioning.IntegrationTests.Deployment;

// The Kubernetes models declare the schema's required fields as non-nullable properties: one left null after reading
// an object is a required field the manifest leaves out.
public static class RequiredFields
{
    private static readonly NullabilityInfoContext s_nullability = new();

    public static void Validate(object model, string id) => Walk(model, id, "");

    private static void Walk(object model, string id, string path)
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(model);
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (value is null)
            {
                if (!property.PropertyType.IsValueType && s_nullability.Create(property).ReadState == NullabilityState.NotNull)
                {
                    throw new InvalidOperationException($"{id}: the required field {name} is missing.");
                }

                continue;
            }

            if (value is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item && IsModel(item.GetType()))
                    {
                        Walk(item, id, $"{name}[{i}]");
                    }
                }
            }
            else if (IsModel(value.GetType()))
            {
                Walk(value, id, name);
            }
        }
    }

    // Quantities and int-or-strings are values, read from a scalar.
    private static bool IsModel(Type type) => type.Namespace == "k8s.Models" && type.IsClass && type.Name is not ("ResourceQuantity" or "IntOrString");
}
