// Reads [{"old": <template>, "new": <template>}, ...] on stdin and writes, for each pair, the
// resources that differ as CloudFormation would update them: {logicalId, type, change, impact,
// replacing}. It runs the CDK CLI's own template diff (the aws-cdk package's bundled
// cloudformation-diff, whose fullDiff its DiffFormatter.computeDiff calls), so the replacement
// rules are the ones `cdk diff` shows. argv[2] is the aws-cdk package directory.
'use strict';
const { DiffFormatter } = require(process.argv[2] + '/lib/index.js');
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(({ old, new: now }) => {
    const diff = new DiffFormatter({ templateInfo: { oldTemplate: old, newTemplate: { template: now, stackName: 'stack' } } })
      .computeDiff('stack', old, now, undefined, {});
    const changes = [];
    diff.resources.forEachDifference((logicalId, c) => {
      const replacing = Object.entries(c.propertyUpdates || {})
        .filter(([, p]) => p.changeImpact === 'WILL_REPLACE' || p.changeImpact === 'MAY_REPLACE')
        .map(([k]) => k).sort();
      changes.push({
        logicalId, type: c.newResourceType || c.oldResourceType,
        change: c.isAddition ? 'added' : c.isRemoval ? 'removed' : 'updated',
        impact: c.changeImpact, replacing, properties: Object.keys(c.propertyUpdates || {}).sort(),
      });
    });
    changes.sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0));
    return changes;
  });
  process.stdout.write(JSON.stringify(out));
});
