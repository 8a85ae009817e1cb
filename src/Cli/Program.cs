return OnnxKit.Cli.AbandonedWork.End(OnnxKit.Cli.CliApplication.Run(args));
