import { mountSurface } from '../shared/mount';
import { IssuePanelApp } from './IssuePanelApp';

mountSurface(<IssuePanelApp />);
