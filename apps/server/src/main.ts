// `npm start` (and deploy/latchkey.service, through scripts/serve.sh) ends here: the built web
// app and the APIs on PORT.
import { serveOrExit } from "./serve";

serveOrExit();
