from airvault.cli.main import main

raise SystemExit(main())
