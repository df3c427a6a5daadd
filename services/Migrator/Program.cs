Console.WriteLine("migrator");
