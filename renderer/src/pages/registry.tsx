import type { ComponentType } from 'react';
import type { MenuCommand } from '@shared/ipc/channels';
import type { Route } from '../app/router';
import { ClusterReportPage, ClustersPage } from './Clusters';
import { ComparePage } from './Compare';
import { HardwarePage } from './Hardware';
import { ModelsPage } from './Models';
import { NetworkPage } from './Network';
import { PlansPage } from './Plans';
import { PrintPage, ReportPage } from './Report';
import { SourcesPage } from './Sources';
import { StartPage } from './Start';
import { SizingPage, SizingReportPage } from './Sizing';
import { ValidationPage } from './Validation';

export interface CommandHandlers {
  /** A page registers what a menu command does while it is shown; returns the unregister. */
  register(cmd: MenuCommand, fn: () => void | Promise<void>): () => void;
}

export interface PageProps {
  route: Route;
  commands: CommandHandlers;
}

export const PAGES: Record<
  | 'start'
  | 'plans'
  | 'compare'
  | 'hardware'
  | 'models'
  | 'network'
  | 'clusters'
  | 'cluster-report'
  | 'validation'
  | 'sources'
  | 'report'
  | 'print'
  | 'sizing'
  | 'sizing-report',
  ComponentType<PageProps>
> = {
  start: StartPage,
  plans: PlansPage,
  compare: ComparePage,
  hardware: HardwarePage,
  models: ModelsPage,
  network: NetworkPage,
  clusters: ClustersPage,
  'cluster-report': ClusterReportPage,
  validation: ValidationPage,
  sources: SourcesPage,
  report: ReportPage,
  print: PrintPage,
  sizing: SizingPage,
  'sizing-report': SizingReportPage,
};
