return OnnxKit.Cli.CliApplication.Run(args);
