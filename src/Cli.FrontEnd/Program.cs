return OnnxKit.Cli.FrontEnd.Run(args);
