from kiosk.cli.main import main

raise SystemExit(main())
