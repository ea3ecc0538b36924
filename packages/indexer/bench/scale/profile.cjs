// Preload (`node --require`) for the scale bench's --profile: samples the CPU of a
// `plenum-indexer start` process from its start and writes a .cpuprofile (Chrome DevTools, speedscope)
// to $PLENUM_PROFILE on SIGUSR2 (the bench sends it at `ready`: the backfill) or at exit.
// NODE_OPTIONS cannot carry --cpu-prof, hence the inspector session.
if (process.env.PLENUM_PROFILE && process.argv.includes("start")) {
  const inspector = require("node:inspector");
  const fs = require("node:fs");
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(process.env.PLENUM_PROFILE, JSON.stringify(result.profile));
    });
  };
  process.on("SIGUSR2", write);
  process.on("exit", write);
}
