// The folders app.getPath answers in the stand-in, all under one scratch folder: shared by
// the boot check and the boot benchmark, so a folder the app starts asking for is added once.
export function standInPaths(folder) {
  return {
    userData: `${folder}/user-data`,
    logs: `${folder}/logs`,
    desktop: `${folder}/desktop`,
    documents: `${folder}/documents`,
    temp: `${folder}/temp`,
    appData: `${folder}/app-data`
  }
}
