import type { PrimeVueLocaleOptions } from 'primevue/config'
import type { AppLocale } from './index'

// PrimeVue reads day and month names for its date pickers from its own locale object.
const ru: Partial<PrimeVueLocaleOptions> = {
  firstDayOfWeek: 1,
  dayNames: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  dayNamesShort: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
  dayNamesMin: ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'],
  monthNames: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  monthNamesShort: ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  today: 'Сегодня',
  clear: 'Очистить',
  accept: 'Да',
  reject: 'Нет',
  choose: 'Выбрать',
  cancel: 'Отмена',
  emptyMessage: 'Нет вариантов',
  emptyFilterMessage: 'Ничего не найдено',
  emptySearchMessage: 'Ничего не найдено',
  dateFormat: 'dd.mm.yy',
  weekHeader: 'Нед',
}

const en: Partial<PrimeVueLocaleOptions> = {
  firstDayOfWeek: 1,
  dayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  dayNamesShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  dayNamesMin: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'],
  monthNames: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  monthNamesShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  today: 'Today',
  clear: 'Clear',
  accept: 'Yes',
  reject: 'No',
  choose: 'Choose',
  cancel: 'Cancel',
  emptyMessage: 'No options',
  emptyFilterMessage: 'No results found',
  emptySearchMessage: 'No results found',
  dateFormat: 'dd/mm/yy',
  weekHeader: 'Wk',
}

export const primeLocales: Record<AppLocale, Partial<PrimeVueLocaleOptions>> = { ru, en }
