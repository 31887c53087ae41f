import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import type { ClusterView } from '../api/client';
import { Empty } from '../components/states';
import { formatBytes } from '../lib/format';
import { Health } from './Command';

type Capacity = { allocatable: number; used: number | null };
const cores = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "0.75 of 3.86 cores (19%)" with a bar, or the allocatable amount alone without metrics. */
function Use({ value, format }: { value: Capacity; format: (n: number) => string }) {
  if (value.used === null) return <span>{format(value.allocatable)} allocatable</span>;
  const share = value.allocatable > 0 ? Math.min(100, Math.round((value.used / value.allocatable) * 100)) : 0;
  return (
    <span>
      <span className="meter" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </span>
      {format(value.used)} of {format(value.allocatable)} ({share}%)
    </span>
  );
}

const formatCores = (n: number) => `${cores.format(n)} cores`;

/** Nodes per node group with their capacity and, from metrics-server, their use. */
export function NodeGroupsPanel({ view }: { view: ClusterView }) {
  return (
    <section className="panel" aria-labelledby="nodes-title" data-testid="node-groups">
      <h2 id="nodes-title">Nodes</h2>
      {view.nodeMetrics.available ? null : (
        <p className="notice" role="status">
          No use figures: {view.nodeMetrics.reason}
        </p>
      )}
      {view.nodeGroups.length === 0 ? <Empty>No nodes could be listed.</Empty> : null}
      {view.nodeGroups.map((group) => {
        const name = group.name ?? 'nodes without a node group';
        return (
          <section key={name} aria-labelledby={`group-${name}`} data-testid={`node-group-${name}`}>
            <h3 id={`group-${name}`}>{name}</h3>
            <p>
              {group.nodes.length} node{group.nodes.length === 1 ? '' : 's'}, {group.readyNodes} ready · CPU{' '}
              <Use value={group.cpuCores} format={formatCores} /> · memory <Use value={group.memoryBytes} format={formatBytes} />
            </p>
            <div className="table-wrap">
              <Table aria-label={`Nodes of ${name}`} className="table">
                <TableHeader>
                  <Column isRowHeader>Node</Column>
                  <Column>Instance type</Column>
                  <Column>State</Column>
                  <Column>CPU</Column>
                  <Column>Memory</Column>
                </TableHeader>
                <TableBody items={group.nodes}>
                  {(node) => (
                    <Row id={node.name}>
                      <Cell>{node.name}</Cell>
                      <Cell>{node.instanceType ?? '—'}</Cell>
                      <Cell>
                        <Health ok={node.ready}>{node.ready ? 'Ready' : 'Not ready'}</Health>
                        {node.schedulable ? '' : ', cordoned'}
                      </Cell>
                      <Cell>
                        <Use value={node.cpuCores} format={formatCores} />
                      </Cell>
                      <Cell>
                        <Use value={node.memoryBytes} format={formatBytes} />
                      </Cell>
                    </Row>
                  )}
                </TableBody>
              </Table>
            </div>
          </section>
        );
      })}
    </section>
  );
}
