export { formatTime } from '../../shared/time'
